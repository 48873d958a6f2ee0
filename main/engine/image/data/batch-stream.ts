/**
 * Endless, resumable batches over an ImageSource for training.
 *
 * Batch k holds positions k*B .. k*B+B-1 of an endless sequence made of epochs laid end to end;
 * epoch e is a permutation of 0..count-1 seeded by (seed, e). So batch k depends only on
 * (seed, batchSize, count, k): a run resumed at step k (seek(k)) sees exactly the batches it
 * would have seen, and a batch may straddle two epochs. Epoch permutations are a Fisher-Yates
 * shuffle (an Int32Array) up to 1e6 examples and a bijective Feistel scramble (permutation.ts,
 * no array) above that.
 *
 * next() prefetches: after handing out batch k it starts reading batch k+1, so decoding overlaps
 * training; never more than one batch ahead. Prefetching changes timing only, never contents.
 */
import { seededRandom } from '../../core/random';
import { createPermutation, mixSeed } from '../../core/permutation';
import type { ImageBatch, ImageSource } from './types';

/** Above this many examples, epochs use the array-free scramble. */
const ARRAY_PERMUTATION_LIMIT = 1_000_000;

export interface BatchStreamOptions {
  readonly batchSize: number;
  readonly seed: number;
  /** Default true; false walks 0..count-1 in order, epoch after epoch. */
  readonly shuffle?: boolean;
  /** Default true; false reads each batch only when next() is called. */
  readonly prefetch?: boolean;
}

export interface BatchStreamState {
  /** The step whose batch the next call to next() returns. */
  readonly step: number;
  readonly seed: number;
  readonly batchSize: number;
  readonly count: number;
  readonly shuffle: boolean;
}

export class BatchStream {
  readonly batchSize: number;
  readonly seed: number;
  readonly shuffle: boolean;
  readonly count: number;
  private readonly prefetchEnabled: boolean;
  private step = 0;
  private pending: { step: number; batch: Promise<ImageBatch> } | undefined;
  /** The last two epochs' orders (a batch can straddle two). */
  private readonly epochs = new Map<number, (position: number) => number>();

  constructor(
    private readonly source: ImageSource,
    options: BatchStreamOptions,
  ) {
    const { batchSize, seed } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a number, got ${seed}`);
    const count = source.info.count;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`the data source has no examples (count ${count})`);
    this.batchSize = batchSize;
    this.seed = seed;
    this.shuffle = options.shuffle ?? true;
    this.prefetchEnabled = options.prefetch ?? true;
    this.count = count;
  }

  /** Where the stream stands; persist `step` to resume. */
  stepState(): BatchStreamState {
    return { step: this.step, seed: this.seed, batchSize: this.batchSize, count: this.count, shuffle: this.shuffle };
  }

  /** Makes the next call to next() return batch `step`. Drops a prefetched batch for another step. */
  seek(step: number): void {
    if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`step must be a non-negative integer, got ${step}`);
    this.step = step;
    if (this.pending && this.pending.step !== step) this.pending = undefined;
  }

  /** Dataset indices of batch `step` (pure: depends only on seed, batchSize, count, shuffle and step). */
  indicesFor(step: number): number[] {
    if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`step must be a non-negative integer, got ${step}`);
    const out = new Array<number>(this.batchSize);
    const start = step * this.batchSize;
    for (let j = 0; j < this.batchSize; j++) {
      const position = start + j;
      const epoch = Math.floor(position / this.count);
      out[j] = this.orderOf(epoch)(position - epoch * this.count);
    }
    return out;
  }

  /** The batch for the current step, then advances. Rejects if the source's read fails (the step still advances). */
  next(): Promise<ImageBatch> {
    const step = this.step;
    const batch = this.pending?.step === step ? this.pending.batch : this.read(step);
    this.pending = undefined;
    this.step = step + 1;
    if (this.prefetchEnabled) {
      // Read the next batch once this one is in, so at most one read runs at a time.
      const readAhead = (): Promise<ImageBatch> => this.read(step + 1);
      const ahead = batch.then(readAhead, readAhead);
      // Its error, if any, surfaces when that batch is asked for; never as an unhandled rejection.
      ahead.catch(() => undefined);
      this.pending = { step: step + 1, batch: ahead };
    }
    return batch;
  }

  private read(step: number): Promise<ImageBatch> {
    try {
      return this.source.read(this.indicesFor(step));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private orderOf(epoch: number): (position: number) => number {
    const cached = this.epochs.get(epoch);
    if (cached) return cached;
    let order: (position: number) => number;
    if (!this.shuffle) {
      order = (position) => position;
    } else if (this.count <= ARRAY_PERMUTATION_LIMIT) {
      const perm = new Int32Array(this.count);
      for (let i = 0; i < this.count; i++) perm[i] = i;
      const random = seededRandom(mixSeed(this.seed, epoch));
      for (let i = this.count - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = perm[i] ?? 0;
        perm[i] = perm[j] ?? 0;
        perm[j] = t;
      }
      order = (position) => perm[position] ?? 0;
    } else {
      order = createPermutation(this.count, mixSeed(this.seed, epoch));
    }
    if (this.epochs.size >= 2) {
      const oldest = this.epochs.keys().next().value;
      if (oldest !== undefined) this.epochs.delete(oldest);
    }
    this.epochs.set(epoch, order);
    return order;
  }
}
