/** The small pieces: cell parsing, datetime formats, the distinct counter, the Gaussian mixture. */
import { describe, expect, it } from 'vitest';

import { seededRandom } from '../../../main/engine/core/random';
import { isMissing, parseNumber } from '../../../main/engine/table/reading/cells';
import { formatDatetime, parseDatetime } from '../../../main/engine/table/schema/datetime';
import { DistinctCounter } from '../../../main/engine/table/schema/distinct-counter';
import { fitGaussianMixture, isClearlyMultimodal } from '../../../main/engine/table/encoding/numeric-transform';

describe('cells', () => {
  it('missing tokens', () => {
    for (const t of ['', 'NA', 'N/A', 'null', 'NULL', 'NaN', 'nan', '?']) expect(isMissing(t)).toBe(true);
    for (const t of ['na', 'None', '0', '-']) expect(isMissing(t)).toBe(false);
  });

  it('numbers: integers, decimals, exponents; codes with leading zeros and huge integers are text', () => {
    expect(parseNumber('42')).toEqual({ value: 42, integer: true, decimals: 0 });
    expect(parseNumber('-3.250')).toEqual({ value: -3.25, integer: false, decimals: 3 });
    expect(parseNumber('.5')).toEqual({ value: 0.5, integer: false, decimals: 1 });
    expect(parseNumber('1.5e-3')).toEqual({ value: 0.0015, integer: false, decimals: 4 });
    expect(parseNumber('2E3')?.value).toBe(2000);
    for (const t of ['007', '1,5', 'Infinity', '0x10', '12345678901234567890', '1 2', 'abc']) expect(parseNumber(t)).toBeNull();
  });
});

describe('datetimes', () => {
  it('parse the recognised formats and write them back the same way', () => {
    const cases = [
      ['2024-02-29', 'YYYY-MM-DD', Date.UTC(2024, 1, 29)],
      ['2024/02/29', 'YYYY/MM/DD', Date.UTC(2024, 1, 29)],
      ['2024-02-29 13:05:09', 'YYYY-MM-DD HH:mm:ss', Date.UTC(2024, 1, 29, 13, 5, 9)],
      ['2024-02-29T13:05', 'YYYY-MM-DDTHH:mm', Date.UTC(2024, 1, 29, 13, 5)],
      ['2024-02-29T13:05:09Z', 'YYYY-MM-DDTHH:mm:ssZ', Date.UTC(2024, 1, 29, 13, 5, 9)],
      ['2024-02-29T13:05:09.250+02:00', 'YYYY-MM-DDTHH:mm:ss.SSS+02:00', Date.UTC(2024, 1, 29, 11, 5, 9, 250)],
      ['2024-03-01T01:00:00-0530', 'YYYY-MM-DDTHH:mm:ss-0530', Date.UTC(2024, 2, 1, 6, 30)],
    ] as const;
    for (const [text, format, ms] of cases) {
      expect(parseDatetime(text)).toEqual({ ms, format });
      expect(formatDatetime(ms, format)).toBe(text);
    }
  });

  it('rejects impossible dates and epoch numbers', () => {
    for (const t of ['2023-02-29', '2024-13-01', '2024-01-01 24:00', '1700000000', '2024-1-5', '01/02/2024']) expect(parseDatetime(t)).toBeNull();
  });
});

describe('DistinctCounter', () => {
  it('is exact under the cap and estimates within a few percent above it', () => {
    const small = new DistinctCounter(1000);
    for (let i = 0; i < 5000; i++) small.add(`v${i % 700}`);
    expect(small.estimate()).toBe(700);
    expect(small.overflowed).toBe(false);
    const big = new DistinctCounter(1000);
    for (let i = 0; i < 300_000; i++) big.add(`value-${i % 200_000}`);
    expect(big.overflowed).toBe(true);
    expect(big.counts.size).toBe(1000);
    expect(Math.abs(big.estimate() / 200_000 - 1)).toBeLessThan(0.05);
  });
});

describe('Gaussian mixture (mode-specific normalisation)', () => {
  const random = seededRandom(9);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

  it('finds separated modes and calls them clearly multimodal', () => {
    const xs = Array.from({ length: 4000 }, (_, i) => (i % 4 === 0 ? 100 + 5 * normal() : -20 + 2 * normal()));
    const t = fitGaussianMixture(xs);
    expect(isClearlyMultimodal(t)).toBe(true);
    const heavy = t.weights.map((w, j) => ({ w, m: t.means[j]! })).filter((x) => x.w > 0.1);
    expect(heavy.some((x) => Math.abs(x.m - 100) < 3)).toBe(true);
    expect(heavy.some((x) => Math.abs(x.m + 20) < 1)).toBe(true);
    expect(t.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);
    expect(t.means).toEqual([...t.means].sort((a, b) => a - b));
  });

  it('does not call a single hump, a uniform or a skewed column multimodal', () => {
    const gauss = Array.from({ length: 4000 }, () => 10 + 3 * normal());
    const uniform = Array.from({ length: 4000 }, () => random() * 50);
    const skewed = Array.from({ length: 4000 }, () => Math.exp(normal()));
    for (const xs of [gauss, uniform, skewed]) expect(isClearlyMultimodal(fitGaussianMixture(xs))).toBe(false);
  });

  it('handles discrete and constant values without collapsing', () => {
    const t = fitGaussianMixture(Array.from({ length: 300 }, (_, i) => i % 3));
    expect(t.stds.every((s) => s > 0 && Number.isFinite(s))).toBe(true);
    const c = fitGaussianMixture([5, 5, 5, 5]);
    expect(c.means).toEqual([5]);
  });
});
