import type { ApiEventName, ApiEvents, ApiResult, StudioBridge } from '../../../shared/api';
import { isApiEventName } from '../../../shared/api-names';
import { installDownloadLinks } from './host-downloads';
import { takeHostToken } from './host-token';

/** Must match main/host/access.ts: the protocol the server picks, and the prefix of the one carrying the token. */
const eventsProtocol = 'factor-studio';
const tokenProtocolPrefix = 'fs-token.';

type AnyListener = (payload: unknown) => void;

/**
 * window.studio for host mode: the same contract as the Electron preload, over HTTP
 * (POST /api/<method>) and a WebSocket for events. The access token comes from the address's
 * fragment (host-token.ts) and travels as `Authorization: Bearer` on HTTP and as a subprotocol
 * on the WebSocket (browsers cannot set its headers); never as a cookie or in a URL.
 */
export function createHostBridge(base: Location = window.location, token: string | null = takeHostToken()): StudioBridge {
  const listeners = new Map<ApiEventName, Set<AnyListener>>();
  let socket: WebSocket | undefined;
  let retryMs = 500;

  const connect = () => {
    const ws = new WebSocket(`${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}/events`, token ? [eventsProtocol, `${tokenProtocolPrefix}${token}`] : []);
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

  const bridge: StudioBridge = {
    async invoke(method, input) {
      try {
        const response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(input ?? {}),
          credentials: 'omit',
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
  installDownloadLinks(bridge.invoke);
  return bridge;
}
