/** The array-free seeded permutation behind dSprites' order and BatchStream's huge epochs. */
import { describe, expect, it } from 'vitest';

import { createPermutation } from '../../../main/engine/core/permutation';

describe('createPermutation', () => {
  it('is a bijection for small and awkward sizes', () => {
    for (const n of [1, 2, 3, 5, 16, 17, 100, 1000, 4097]) {
      const p = createPermutation(n, 42);
      const seen = new Uint8Array(n);
      for (let i = 0; i < n; i++) seen[p(i)] = (seen[p(i)] ?? 0) + 1;
      expect(seen.every((v) => v === 1)).toBe(true);
    }
  });

  it('is a bijection on the whole dSprites grid, fixed by the seed', () => {
    const n = 737_280;
    const p = createPermutation(n, 9);
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) seen[p(i)] = 1;
    expect(seen.every((v) => v === 1)).toBe(true);
    const q = createPermutation(n, 9);
    const r = createPermutation(n, 10);
    const probe = [0, 1, 2, 3, 12_345, n - 1];
    expect(probe.map(p)).toEqual(probe.map(q));
    expect(probe.map(p)).not.toEqual(probe.map(r));
    expect(() => p(n)).toThrow(RangeError);
  });
});
