import path from 'node:path';

/**
 * The renderer's own origin under Electron: app://factor-studio/ (the security checklist's
 * custom protocol instead of file://, so the page has a real origin and file:// stays closed).
 * Pure path logic only; main/electron/main.ts registers the scheme and serves the files.
 */
export const appScheme = 'app';
export const appHost = 'factor-studio';
export const appIndexUrl = `${appScheme}://${appHost}/index.html`;

/** True only for our index page (any query or hash), never a sibling file or another host. */
export function isAppPage(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost && parsed.pathname === '/index.html';
  } catch {
    return false;
  }
}

/**
 * The file under `root` an app:// URL names, or null: another host, an encoded separator or
 * NUL, or any path that would leave `root`.
 */
export function appFileFor(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (/[\\\0]/.test(relative) || /%2f|%5c/i.test(parsed.pathname)) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative === '/' ? '/index.html' : relative}`);
  return file.startsWith(`${base}${path.sep}`) ? file : null;
}
