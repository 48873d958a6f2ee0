import { describe, expect, it } from 'vitest';
import { DownloadLinks, downloadLinkLifetimeMs } from '../../main/host/download-links';

describe('download links', () => {
  it('work once, for their address, until they expire', () => {
    let now = 1_000_000;
    const links = new DownloadLinks(() => now);
    const a = links.mint('/downloads/x');
    expect(a.expiresAt).toBe(now + downloadLinkLifetimeMs);
    expect(links.take(a.key, '/downloads/y')).toBe(false);
    // A key tried on the wrong address is spent too.
    expect(links.take(a.key, '/downloads/x')).toBe(false);
    const b = links.mint('/downloads/x');
    expect(links.take(b.key, '/downloads/x')).toBe(true);
    expect(links.take(b.key, '/downloads/x')).toBe(false);
    const c = links.mint('/downloads/x');
    now += downloadLinkLifetimeMs;
    expect(links.take(c.key, '/downloads/x')).toBe(false);
    expect(links.take('never-minted', '/downloads/x')).toBe(false);
  });

  it('keep a bounded number of unused links, dropping the oldest', () => {
    const links = new DownloadLinks();
    const first = links.mint('/downloads/first');
    for (let i = 0; i < 300; i++) links.mint(`/downloads/${i}`);
    const last = links.mint('/downloads/last');
    expect(links.take(first.key, '/downloads/first')).toBe(false);
    expect(links.take(last.key, '/downloads/last')).toBe(true);
  });
});
