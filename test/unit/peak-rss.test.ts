import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { peakRss, resetPeakRss } from '../../bench/peak-rss';

/** Writes every byte of a block, so all its pages are resident; returns a check value. */
function touch(mb: number): number {
  const block = Buffer.alloc(mb * 1024 * 1024, 1);
  return block[block.length - 1] ?? 0;
}

describe('bench peak RSS', () => {
  it('counts memory touched after the reset, and a reset forgets an earlier peak', () => {
    resetPeakRss();
    const before = peakRss();
    expect(touch(96)).toBe(1);
    const after = peakRss();
    expect(after.peak_rss_mb - before.peak_rss_mb).toBeGreaterThanOrEqual(80);
    if (process.platform !== 'linux') return;
    expect(after.peak_rss_scope).toBe('since-reset');
    // Freed and collected, the block leaves the RSS but not the peak, until the reset.
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
    resetPeakRss();
    expect(peakRss().peak_rss_mb).toBeLessThan(after.peak_rss_mb - 48);
  });
});
