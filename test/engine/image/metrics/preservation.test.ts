import { describe, expect, it } from 'vitest';

import { normalisedMutualInfo } from '../../../../main/engine/image/metrics/preservation';
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
});
