import { randomBytes } from 'node:crypto';

/** How long a minted link works: long enough for the browser to follow it at once, no more. */
export const downloadLinkLifetimeMs = 60_000;
/** Unused links kept at most; minting past it drops the oldest (a page cannot grow the map forever). */
const maxOutstanding = 256;

interface Link {
  readonly pathname: string;
  readonly expiresAt: number;
}

/**
 * Single-use, short-lived download links. A browser following an <a download> cannot send the
 * Authorization header, so the page asks the API (with its bearer token) for a link to one
 * /downloads/ address; the link's random key works once, for that address, within a minute.
 * The access token itself never goes into a URL.
 */
export class DownloadLinks {
  private readonly links = new Map<string, Link>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new key for `pathname`, and when it stops working. */
  mint(pathname: string): { key: string; expiresAt: number } {
    this.sweep();
    while (this.links.size >= maxOutstanding) this.links.delete(this.links.keys().next().value as string);
    const key = randomBytes(24).toString('base64url');
    const expiresAt = this.now() + downloadLinkLifetimeMs;
    this.links.set(key, { pathname, expiresAt });
    return { key, expiresAt };
  }

  /** True once for a live key minted for exactly this pathname; the key is spent either way. */
  take(key: string, pathname: string): boolean {
    const link = this.links.get(key);
    if (!link) return false;
    this.links.delete(key);
    return link.pathname === pathname && link.expiresAt > this.now();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, link] of this.links) if (link.expiresAt <= now) this.links.delete(key);
  }
}
