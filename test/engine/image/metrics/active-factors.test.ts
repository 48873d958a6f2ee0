import { describe, expect, it } from 'vitest';

import { activeDims, activeThreshold } from '../../../../main/engine/image/metrics/active-factors';

describe('active factors: KL > max(0.1 nats, 5% of the largest)', () => {
  it('counts none of an untrained encoder (every dim ~0.08 nats)', () => {
    const kl = Array.from({ length: 10 }, () => 0.08);
    expect(activeThreshold(kl)).toBe(0.1);
    expect(activeDims(kl)).toEqual([]);
  });

  it('uses the absolute floor while the largest KL is small', () => {
    expect(activeDims([0.5, 0.2, 0.05, 0.1])).toEqual([0, 1]);
  });

  it('drops leftovers below 5% of the largest once some dims carry several nats', () => {
    // Threshold max(0.1, 0.05 * 4) = 0.2: the 0.15 dim is a leftover, a 3-way factor (~1 nat) is not.
    const kl = [4, 2.5, 1.1, 0.15, 0.001];
    expect(activeThreshold(kl)).toBeCloseTo(0.2, 12);
    expect(activeDims(kl)).toEqual([0, 1, 2]);
  });
});
