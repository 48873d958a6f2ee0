import * as tf from '@tensorflow/tfjs-core';
import type { Params } from './params';

/** A copy of a model's weights held beside it (early stopping's best so far). */
export class WeightSnapshot {
  private copies: tf.Tensor[] = [];

  constructor(private readonly params: Params) {}

  keep(): void {
    this.dispose();
    this.copies = this.params.list().map((v) => tf.keep(tf.clone(v)));
  }

  /** Puts the kept weights back; nothing happens before the first keep(). */
  restore(): void {
    this.params.list().forEach((v, i) => {
      const copy = this.copies[i];
      if (copy) v.assign(copy);
    });
  }

  dispose(): void {
    tf.dispose(this.copies);
    this.copies = [];
  }
}
