import { describe, expect, it } from 'vitest';

import { normalisedMutualInfo, preservationChance, rotateRows } from '../../../../main/engine/image/metrics/preservation';
import { gaussian } from './helpers';

const N = 5000;
const D = 4;

describe('normalisedMutualInfo (factor preservation)', () => {
  it('is 1 for identical codes', () => {
    const c = gaussian(N, D, 1);
    const result = normalisedMutualInfo(c, c, N, D);
    expect(result.mean).toBeCloseTo(1, 12);
    expect(result.perDim).toHaveLength(D);
  });

  it('is near 0 for independent codes and in between for noisy copies', () => {
    const c = gaussian(N, D, 2);
    expect(normalisedMutualInfo(c, gaussian(N, D, 3), N, D).mean).toBeLessThan(0.05);
    const noise = gaussian(N, D, 4, 0.3);
    const noisy = c.map((v, i) => v + noise[i]!);
    const partial = normalisedMutualInfo(c, noisy, N, D).mean;
    expect(partial).toBeGreaterThan(0.2);
    expect(partial).toBeLessThan(0.9);
  });

  it('leaves constant dims out of the mean (NaN per dim)', () => {
    const c = gaussian(N, D, 5);
    for (let i = 0; i < N; i++) c[i * D + 2] = 0.5;
    const result = normalisedMutualInfo(c, c, N, D);
    expect(result.perDim[2]).toBeNaN();
    expect(result.mean).toBeCloseTo(1, 12);
  });

  it('measures only the dims asked for (the active ones)', () => {
    const c = gaussian(N, D, 6);
    const other = gaussian(N, D, 7);
    // Dims 0 and 1 kept exactly, 2 and 3 replaced by noise.
    const mixed = c.map((v, i) => (i % D < 2 ? v : other[i]!));
    const result = normalisedMutualInfo(c, mixed, N, D, { dims: [0, 1] });
    expect(result.mean).toBeCloseTo(1, 12);
    expect(result.perDim[2]).toBeNaN();
    expect(normalisedMutualInfo(c, mixed, N, D).mean).toBeLessThan(0.6);
  });

  it('has a chance floor near its plug-in bias, ~(B - 1)^2 / (2 n H), small at n = 10,000 only', () => {
    const n = 10_000;
    const c = gaussian(n, D, 8);
    const floor = preservationChance(c, c, n, D).mean;
    // 20 bins, H ~ 2.3 nats for a Gaussian: (19^2 / 20,000) / 2.3 ~ 0.008 at most.
    expect(floor).toBeGreaterThan(0);
    expect(floor).toBeLessThan(0.012);
    // At the app's old n = 256 the same floor is an order of magnitude larger.
    const small = gaussian(256, D, 9);
    expect(preservationChance(small, small, 256, D).mean).toBeGreaterThan(0.1);
  });

  it('rotates rows for the chance pairing', () => {
    const rows = Float32Array.from([0, 1, 2, 3, 4, 5]);
    expect([...rotateRows(rows, 3, 2, 1)]).toEqual([2, 3, 4, 5, 0, 1]);
  });
});
