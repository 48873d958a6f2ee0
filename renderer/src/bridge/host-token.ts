/** Where the page keeps the token for the tab's life: sessionStorage is per tab and per origin (port), unlike cookies. */
export const tokenStorageKey = 'factor-studio-token';

const fragmentToken = /^#token=([\w-]+)$/;

/**
 * Host mode's access token. The printed address carries it in the fragment (#token=...), which
 * the browser never sends to a server; this moves it into sessionStorage (a reload still works)
 * and takes it out of the address bar and history with replaceState, so it outlives no page load.
 * Null when the page was opened without it.
 */
export function takeHostToken(location: Location = window.location, history: History = window.history, storage: Storage = window.sessionStorage): string | null {
  const match = fragmentToken.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(tokenStorageKey, match[1]);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return match[1];
  }
  return storage.getItem(tokenStorageKey);
}
