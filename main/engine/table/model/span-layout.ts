import * as tf from '@tensorflow/tfjs-core';
import type { Span } from '../encoding/spans';

/**
 * Turns the span layout into what the loss needs, once: masks for the numeric and missing
 * positions (handled with whole-row ops, so wide numeric tables stay fast) and the list of
 * categorical spans (each needs its own softmax).
 */
export class SpanLayout {
  readonly numericMask: Float32Array;
  readonly missingMask: Float32Array;
  readonly categorical: readonly { readonly start: number; readonly width: number }[];
  /** Columns with a term in the loss: each counts once, whatever its width. */
  readonly terms: number;

  constructor(
    readonly spans: readonly Span[],
    readonly width: number,
  ) {
    this.numericMask = new Float32Array(width);
    this.missingMask = new Float32Array(width);
    const categorical: { start: number; width: number }[] = [];
    for (const span of spans) {
      if (span.kind === 'categorical') categorical.push({ start: span.start, width: span.width });
      else (span.kind === 'numeric' ? this.numericMask : this.missingMask).fill(1, span.start, span.start + span.width);
    }
    this.categorical = categorical;
    this.terms = spans.length;
  }

  /**
   * Per-example reconstruction NLL summed over columns, mean over the batch: unit-variance
   * Gaussian on numeric positions, softmax cross-entropy per categorical span, Bernoulli on
   * missing flags. raw, x: [b, width].
   */
  reconNll(raw: tf.Tensor2D, x: tf.Tensor2D): tf.Scalar {
    const b = x.shape[0];
    const numMask = tf.tensor1d(this.numericMask);
    const missMask = tf.tensor1d(this.missingMask);
    const numeric = tf.sum(tf.mul(tf.mul(tf.square(tf.sub(raw, x)), 0.5), numMask));
    const bce = tf.add(tf.sub(tf.relu(raw), tf.mul(raw, x)), tf.log1p(tf.exp(tf.neg(tf.abs(raw)))));
    let total = tf.add(numeric, tf.sum(tf.mul(bce, missMask)));
    for (const span of this.categorical) {
      const logits = tf.slice(raw, [0, span.start], [b, span.width]);
      const target = tf.slice(x, [0, span.start], [b, span.width]);
      total = tf.sub(total, tf.sum(tf.mul(target, tf.logSoftmax(logits))));
    }
    return tf.div(total, b);
  }

  /** Raw decoder outputs to encoded-space values: numeric as is, softmax per categorical span, sigmoid on missing flags. */
  activate(raw: tf.Tensor2D): tf.Tensor2D {
    const b = raw.shape[0];
    const missMask = tf.tensor1d(this.missingMask);
    let out = tf.add(tf.mul(raw, tf.sub(1, missMask)), tf.mul(tf.sigmoid(raw), missMask)) as tf.Tensor2D;
    if (this.categorical.length === 0) return out;
    const pieces: tf.Tensor2D[] = [];
    let at = 0;
    for (const span of this.categorical) {
      if (span.start > at) pieces.push(tf.slice(out, [0, at], [b, span.start - at]));
      pieces.push(tf.softmax(tf.slice(raw, [0, span.start], [b, span.width])));
      at = span.start + span.width;
    }
    if (at < this.width) pieces.push(tf.slice(out, [0, at], [b, this.width - at]));
    out = tf.concat(pieces, 1);
    return out;
  }
}
