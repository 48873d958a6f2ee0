import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const tokenCookie = 'fs_token';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Host mode's gatekeeper. A request must (1) be addressed to this server by loopback name
 * (blocks DNS rebinding), (2) come from no Origin or our own, and (3) carry the per-start
 * token: as a bearer header, the HttpOnly cookie set on first visit, or ?token= in the URL.
 */
export class HostAccess {
  private allowedHosts: Set<string> = new Set();

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

  /** The token in the URL, if it is the right one (used to set the cookie and drop it from the URL). */
  queryToken(url: URL): boolean {
    const value = url.searchParams.get('token');
    return value !== null && sameSecret(value, this.token);
  }

  authorized(req: IncomingMessage, url: URL): boolean {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && sameSecret(auth.slice(7), this.token)) return true;
    const cookie = cookieValue(req.headers.cookie, tokenCookie);
    if (cookie !== undefined && sameSecret(cookie, this.token)) return true;
    return this.queryToken(url);
  }

  cookieHeader(): string {
    return `${tokenCookie}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
