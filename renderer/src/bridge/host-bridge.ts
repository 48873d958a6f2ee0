import type { ApiEventName, ApiEvents, ApiResult, StudioBridge } from '../../../shared/api';
import { isApiEventName } from '../../../shared/api-names';

type AnyListener = (payload: unknown) => void;

/**
 * window.studio for host mode: the same contract as the Electron preload, over HTTP
 * (POST /api/<method>) and a WebSocket for events. The access token travels as the
 * HttpOnly cookie the server set, so this code never sees it.
 */
export function createHostBridge(base: Location = window.location): StudioBridge {
  const listeners = new Map<ApiEventName, Set<AnyListener>>();
  let socket: WebSocket | undefined;
  let retryMs = 500;

  const connect = () => {
    const ws = new WebSocket(`${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}/events`);
    socket = ws;
    ws.onopen = () => (retryMs = 500);
    ws.onmessage = (message: MessageEvent<string>) => {
      let parsed: { event?: unknown; payload?: unknown };
      try {
        parsed = JSON.parse(message.data) as { event?: unknown; payload?: unknown };
      } catch {
        return;
      }
      if (!isApiEventName(parsed.event)) return;
      for (const listener of listeners.get(parsed.event) ?? []) listener(parsed.payload);
    };
    ws.onclose = () => {
      // The server restarts or the machine sleeps: reconnect with backoff.
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };

  return {
    async invoke(method, input) {
      try {
        const response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
        return (await response.json()) as ApiResult<never>;
      } catch (error) {
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message: `Factor Studio's background process is not reachable (${(error as Error).message}). Is it still running?`,
          },
        };
      }
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      if (!socket) connect();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as AnyListener;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
  };
}
