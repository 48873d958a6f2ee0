/** BatchStream: seeded epochs, exact resume, prefetch that changes timing only. */
import { describe, expect, it } from 'vitest';

import { BatchStream } from '../../../../main/engine/image/data/batch-stream';
import { createDSprites } from '../../../../main/engine/image/data/dsprites';
import type { ImageBatch, ImageSource } from '../../../../main/engine/image/data/types';

/** A 1x1 "image" per index whose pixel is the index itself, recording every read. */
function fakeSource(count: number): ImageSource & { reads: number[][] } {
  const reads: number[][] = [];
  return {
    info: { name: 'fake', size: 1, channels: 1, count },
    reads,
    read(indices: readonly number[]): Promise<ImageBatch> {
      reads.push([...indices]);
      return Promise.resolve({ images: Float32Array.from(indices), n: indices.length });
    },
  };
}

describe('BatchStream', () => {
  it('gives every index exactly once per epoch, epochs in different orders', () => {
    for (const [count, batchSize] of [
      [100, 10],
      [103, 10],
      [7, 16],
    ] as const) {
      const stream = new BatchStream(fakeSource(count), { batchSize, seed: 3 });
      const positions: number[] = [];
      for (let step = 0; positions.length < 3 * count; step++) positions.push(...stream.indicesFor(step));
      const epochs = [0, 1, 2].map((e) => positions.slice(e * count, (e + 1) * count));
      for (const epoch of epochs) expect([...epoch].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
      expect(epochs[0]).not.toEqual(epochs[1]);
    }
  });

  it('returns batches of exactly batchSize, wrapping across epochs', async () => {
    const stream = new BatchStream(fakeSource(25), { batchSize: 10, seed: 1 });
    const batches: number[][] = [];
    for (let i = 0; i < 5; i++) {
      const batch = await stream.next();
      expect(batch.n).toBe(10);
      batches.push(Array.from(batch.images));
    }
    expect(batches).toEqual([0, 1, 2, 3, 4].map((k) => stream.indicesFor(k)));
    expect(stream.stepState()).toMatchObject({ step: 5, seed: 1, batchSize: 10, count: 25 });
  });

  it('resumes exactly: batch k after seek(k) is the batch a fresh run had at step k', async () => {
    const source = createDSprites({ size: 32, seed: 4, count: 1000 });
    const first = new BatchStream(source, { batchSize: 16, seed: 9 });
    const run: ImageBatch[] = [];
    for (let i = 0; i < 8; i++) run.push(await first.next());
    const resumed = new BatchStream(source, { batchSize: 16, seed: 9 });
    resumed.seek(5);
    for (let k = 5; k < 8; k++) {
      const batch = await resumed.next();
      expect(batch.images).toEqual(run[k]?.images);
      expect(batch.factors).toEqual(run[k]?.factors);
    }
    // Seeking back on the same stream, past a prefetched batch, also works.
    first.seek(2);
    expect((await first.next()).factors).toEqual(run[2]?.factors);
    expect(new BatchStream(source, { batchSize: 16, seed: 10 }).indicesFor(5)).not.toEqual(first.indicesFor(5));
  });

  it('prefetches one batch ahead without changing the batches', async () => {
    const withPrefetch = fakeSource(50);
    const without = fakeSource(50);
    const a = new BatchStream(withPrefetch, { batchSize: 8, seed: 2 });
    const b = new BatchStream(without, { batchSize: 8, seed: 2, prefetch: false });
    for (let i = 0; i < 12; i++) {
      const [x, y] = await Promise.all([a.next(), b.next()]);
      expect(x.images).toEqual(y.images);
      await Promise.resolve();
      // The prefetching stream has read exactly one batch beyond the one handed out.
      expect(withPrefetch.reads.length).toBe(i + 2);
      expect(without.reads.length).toBe(i + 1);
    }
    expect(withPrefetch.reads.at(-1)).toEqual(a.indicesFor(12));
  });

  it('walks in order without shuffle and uses an array-free order for huge sources', () => {
    const plain = new BatchStream(fakeSource(5), { batchSize: 4, seed: 1, shuffle: false });
    expect([0, 1, 2].map((k) => plain.indicesFor(k))).toEqual([
      [0, 1, 2, 3],
      [4, 0, 1, 2],
      [3, 4, 0, 1],
    ]);
    const count = 1_200_000;
    const huge = new BatchStream(fakeSource(count), { batchSize: 4000, seed: 5 });
    const seen = new Uint8Array(count);
    for (let step = 0; step < count / 4000; step++) for (const i of huge.indicesFor(step)) seen[i] = (seen[i] ?? 0) + 1;
    expect(seen.every((v) => v === 1)).toBe(true);
    expect(huge.indicesFor(0).slice(0, 5)).not.toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects bad options', () => {
    expect(() => new BatchStream(fakeSource(10), { batchSize: 0, seed: 1 })).toThrow(RangeError);
    expect(() => new BatchStream(fakeSource(0), { batchSize: 4, seed: 1 })).toThrow(/no examples/);
    expect(() => new BatchStream(fakeSource(10), { batchSize: 4, seed: 1 }).seek(-1)).toThrow(RangeError);
  });
});
