import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The WebSocket subprotocol the page asks for and the server picks (the token travels beside it). */
export const eventsProtocol = 'factor-studio';
/** Prefix of the second subprotocol, which carries the token: browsers cannot set headers on a WebSocket. */
export const tokenProtocolPrefix = 'fs-token.';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Host mode's gatekeeper. A request must (1) be addressed to this server by loopback name
 * (blocks DNS rebinding), (2) come from no Origin or our own, and (3) for the API and the
 * events carry the per-start token: as `Authorization: Bearer` or, on the WebSocket, in its
 * subprotocol. Never in a cookie (browsers send cookies to every port of 127.0.0.1, so any
 * other local server would receive it) and never in a URL that outlives a page load: `?token=`
 * is honoured once, for the first page load, and then refused.
 */
export class HostAccess {
  private allowedHosts: Set<string> = new Set();
  private queryTokenSpent = false;

  constructor(readonly token: string) {}

  setPort(port: number): void {
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  get origins(): string[] {
    return [...this.allowedHosts].map((host) => `http://${host}`);
  }

  hostAllowed(req: IncomingMessage): boolean {
    return this.allowedHosts.has(req.headers.host ?? '');
  }

  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.origins.includes(origin);
  }

  /** The bearer header holds the token. */
  bearer(req: IncomingMessage): boolean {
    const auth = req.headers.authorization;
    return auth?.startsWith('Bearer ') === true && sameSecret(auth.slice(7), this.token);
  }

  /** The WebSocket's offered subprotocols hold `fs-token.<token>` (or the bearer header is there, for non-browser clients). */
  socketAuthorized(req: IncomingMessage): boolean {
    if (this.bearer(req)) return true;
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    return offered.some((p) => p.startsWith(tokenProtocolPrefix) && sameSecret(p.slice(tokenProtocolPrefix.length), this.token));
  }

  /**
   * `?token=` on a page load: 'absent', 'accepted' (the right token, the first time; spent now)
   * or 'refused' (wrong, or already used: a URL kept in history or a log opens nothing).
   */
  takeQueryToken(url: URL): 'absent' | 'accepted' | 'refused' {
    const value = url.searchParams.get('token');
    if (value === null) return 'absent';
    if (this.queryTokenSpent || !sameSecret(value, this.token)) return 'refused';
    this.queryTokenSpent = true;
    return 'accepted';
  }
}
