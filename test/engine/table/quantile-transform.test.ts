/** The 'quantile' numeric encoding: exact round trips, bounded normal scores, and the real marginal back from normal draws. */
import { describe, expect, it } from 'vitest';

import { seededRandom } from '../../../main/engine/core/random';
import { normalQuantile } from '../../../main/engine/table/baseline/normal';
import { ksDistance } from '../../helpers/ks-distance';
import { fitQuantile, quantileDecode, quantileEncode, quantileProbability } from '../../../main/engine/table/encoding/quantile-transform';

function normalDraws(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

/** A skewed, heavy-tailed column with a spike: 40% zeros, the rest lognormal with sigma 2 (costs, counts, amounts). */
function spikyHeavyTail(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  const z = normalDraws(n, seed + 1);
  return z.map((v) => (random() < 0.4 ? 0 : Math.round(Math.exp(3 + 2 * v) * 100) / 100));
}

describe('quantile transform', () => {
  it('round-trips every training value exactly at its decimals: unique floats, repeated integers and a spike', () => {
    const floats = normalDraws(3000, 1).map((v) => Math.round(v * 1e4) / 1e4);
    const repeated = normalDraws(3000, 2).map((v) => Math.round(v * 2) + 5);
    const cases: [number[], number][] = [
      [floats, 4],
      [repeated, 0],
    ];
    for (const [values, decimals] of cases) {
      const t = fitQuantile(values);
      expect(t.knots[0]).toBe(Math.min(...values));
      expect(t.knots[t.knots.length - 1]).toBe(Math.max(...values));
      // The decoder rounds to the column's decimals (numeric-column.ts), as here.
      const round = (x: number) => Number(x.toFixed(decimals)) + 0; // + 0: -0 (from -1e-7) is 0
      // float32, as the model stores encoded rows
      const back = values.map((v) => round(quantileDecode(t, Math.fround(quantileEncode(t, v)))));
      expect(back).toEqual(values);
    }
    // A heavy tail: the top knots are thousands apart, and a float32 score pins a value there to
    // 1e-5 of it or better (the standard transform's limit is std * 2^-22); the spike is exact.
    const spiky = spikyHeavyTail(3000, 3);
    const t = fitQuantile(spiky);
    for (const v of spiky) {
      const back = quantileDecode(t, Math.fround(quantileEncode(t, v)));
      if (v === 0) expect(back).toBe(0);
      else expect(Math.abs(back - v) / v).toBeLessThan(1e-4);
    }
  });

  it('encodes a heavy-tailed column as a bounded, about standard normal scalar', () => {
    const values = normalDraws(10_000, 4).map((v) => Math.exp(3 + 2 * v)); // lognormal, sigma 2: the shape alone, no spike
    const t = fitQuantile(values);
    const z = values.map((v) => quantileEncode(t, v));
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const std = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length);
    // The raw column's standardised maximum is far out (lognormal, sigma 2); the scores stay inside +-3.
    const rawMean = values.reduce((s, v) => s + v, 0) / values.length;
    const rawStd = Math.sqrt(values.reduce((s, v) => s + (v - rawMean) ** 2, 0) / values.length);
    expect((Math.max(...values) - rawMean) / rawStd).toBeGreaterThan(20);
    expect(Math.max(...z.map(Math.abs))).toBeLessThan(3);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(std).toBeGreaterThan(0.9);
    expect(std).toBeLessThan(1.05);
  });

  it('a value repeated in many rows sits in the middle of its CDF step, and the whole step decodes to it', () => {
    const values = spikyHeavyTail(10_000, 5);
    const zeros = values.filter((v) => v === 0).length / values.length;
    const t = fitQuantile(values);
    expect(quantileProbability(t, 0)).toBeCloseTo(zeros / 2, 2);
    const inside = (p: number) => quantileDecode(t, normalQuantileOf(t, p));
    expect(inside(0.01)).toBe(0);
    expect(inside(zeros * 0.95)).toBe(0);
    expect(inside(zeros + 0.05)).toBeGreaterThan(0);
  });

  it('standard normal draws decode to the real marginal (the spike at its real share)', () => {
    const values = spikyHeavyTail(10_000, 6);
    const t = fitQuantile(values);
    const synthetic = normalDraws(10_000, 7).map((z) => quantileDecode(t, z));
    expect(ksDistance(values, synthetic)).toBeLessThan(0.03);
    const share = (xs: readonly number[]) => xs.filter((v) => v === 0).length / xs.length;
    expect(Math.abs(share(synthetic) - share(values))).toBeLessThan(0.02);
  });

  it('scores beyond the range decode to the minimum and maximum; NaN to the median; one value to itself', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const t = fitQuantile(values);
    expect(quantileDecode(t, -40)).toBe(1);
    expect(quantileDecode(t, 40)).toBe(9);
    expect(quantileDecode(t, Number.NaN)).toBe(5);
    expect(quantileEncode(t, -100)).toBeCloseTo(quantileEncode(t, 1), 12);
    const constant = fitQuantile([3.5, 3.5, 3.5]);
    expect(quantileDecode(constant, quantileEncode(constant, 3.5))).toBe(3.5);
    expect(Number.isFinite(quantileEncode(constant, 3.5))).toBe(true);
    expect(() => fitQuantile([])).toThrow(/at least one value/);
  });
});

/** The normal score whose decoding sits at CDF probability p (the transform's squeeze, p' = e + (1 - 2e) p, applied). */
function normalQuantileOf(t: { knots: readonly number[] }, p: number): number {
  const e = 0.5 / (t.knots.length - 1);
  return normalQuantile(e + (1 - 2 * e) * p);
}
