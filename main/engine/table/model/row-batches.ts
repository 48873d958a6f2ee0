import { createPermutation, mixSeed } from '../../core/permutation';

/**
 * Batches of encoded rows [n, width]: batch k holds positions k*B..(k+1)*B-1 of a seeded
 * per-epoch permutation, so batch k depends only on the seed and k (exact resume).
 */
export class RowBatches {
  private readonly orders = new Map<number, (i: number) => number>();

  constructor(
    private readonly rows: Float32Array,
    private readonly n: number,
    private readonly width: number,
    private readonly batchSize: number,
    private readonly seed: number,
  ) {
    if (n < 1) throw new Error('there are no training rows');
  }

  batch(step: number): Float32Array {
    const out = new Float32Array(this.batchSize * this.width);
    for (let j = 0; j < this.batchSize; j++) {
      const position = step * this.batchSize + j;
      const epoch = Math.floor(position / this.n);
      const row = this.order(epoch)(position - epoch * this.n);
      out.set(this.rows.subarray(row * this.width, (row + 1) * this.width), j * this.width);
    }
    return out;
  }

  private order(epoch: number): (i: number) => number {
    let order = this.orders.get(epoch);
    if (!order) {
      order = createPermutation(this.n, mixSeed(this.seed, epoch));
      this.orders.set(epoch, order);
      this.orders.delete(epoch - 2);
    }
    return order;
  }
}
