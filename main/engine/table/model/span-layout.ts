import * as tf from '@tensorflow/tfjs-core';
import type { Span } from '../encoding/spans';

/**
 * Turns the span layout into what the loss needs, once: masks for the numeric, missing and
 * categorical positions and a [width, spans] membership matrix for the categorical spans, so
 * every loss and activation is a few whole-row ops and two matmuls however many columns the
 * table has (a step is dispatch-bound: one softmax per span cost more than the arithmetic).
 */
export class SpanLayout {
  readonly numericMask: Float32Array;
  readonly missingMask: Float32Array;
  readonly categoricalMask: Float32Array;
  /** membership[j * spans + s] = 1 when position j is in categorical span s. */
  readonly membership: Float32Array;
  readonly categorical: readonly { readonly start: number; readonly width: number }[];
  /** Columns with a term in the loss: each counts once, whatever its width. */
  readonly terms: number;

  constructor(
    readonly spans: readonly Span[],
    readonly width: number,
  ) {
    this.numericMask = new Float32Array(width);
    this.missingMask = new Float32Array(width);
    this.categoricalMask = new Float32Array(width);
    const categorical: { start: number; width: number }[] = [];
    for (const span of spans) {
      if (span.kind === 'categorical') categorical.push({ start: span.start, width: span.width });
      const mask = span.kind === 'categorical' ? this.categoricalMask : span.kind === 'numeric' ? this.numericMask : this.missingMask;
      mask.fill(1, span.start, span.start + span.width);
    }
    this.categorical = categorical;
    this.membership = new Float32Array(width * categorical.length);
    categorical.forEach((span, s) => {
      for (let j = span.start; j < span.start + span.width; j++) this.membership[j * categorical.length + s] = 1;
    });
    this.terms = spans.length;
  }

  /**
   * Per span, exp(raw - m) and log sum exp over the span ([b, width], [b, spans]), with m the
   * row's largest categorical logit (one shift for all spans: any shift gives the same values;
   * this one cannot overflow, and a span would need logits ~87 below the row's largest to
   * underflow, which the floor below turns into a large finite loss rather than NaN).
   */
  private spanExp(raw: tf.Tensor2D): { shifted: tf.Tensor2D; exp: tf.Tensor2D; logSum: tf.Tensor2D; member: tf.Tensor2D } {
    const catMask = tf.tensor1d(this.categoricalMask);
    const member = tf.tensor2d(this.membership, [this.width, this.categorical.length]);
    // Non-categorical positions are pushed far down so they neither set the shift nor add to a sum.
    const logits = tf.sub(tf.mul(raw, catMask), tf.mul(tf.sub(1, catMask), 1e4));
    // The shift cancels in every value (and so in the gradient); it only keeps exp in range.
    const m = tf.max(logits, 1, true);
    const shifted = tf.sub(logits, m) as tf.Tensor2D;
    const exp = tf.exp(shifted) as tf.Tensor2D;
    const logSum = tf.log(tf.add(tf.matMul(exp, member), 1e-30)) as tf.Tensor2D;
    return { shifted, exp, logSum, member };
  }

  /**
   * Per-example reconstruction NLL summed over columns, mean over the batch: unit-variance
   * Gaussian on numeric positions, softmax cross-entropy per categorical span, Bernoulli on
   * missing flags. raw, x: [b, width]. The cross-entropy of span s is
   * sum_j x_j (logSum_s - shifted_j), with sum_j x_j over the span = (x @ member)_s.
   */
  reconNll(raw: tf.Tensor2D, x: tf.Tensor2D): tf.Scalar {
    const b = x.shape[0];
    const numMask = tf.tensor1d(this.numericMask);
    const missMask = tf.tensor1d(this.missingMask);
    const numeric = tf.sum(tf.mul(tf.mul(tf.square(tf.sub(raw, x)), 0.5), numMask));
    const bce = tf.add(tf.sub(tf.relu(raw), tf.mul(raw, x)), tf.log1p(tf.exp(tf.neg(tf.abs(raw)))));
    let total = tf.add(numeric, tf.sum(tf.mul(bce, missMask)));
    if (this.categorical.length > 0) {
      const { shifted, logSum, member } = this.spanExp(raw);
      const catMask = tf.tensor1d(this.categoricalMask);
      const ce = tf.sub(tf.sum(tf.mul(tf.matMul(x, member), logSum)), tf.sum(tf.mul(tf.mul(x, catMask), shifted)));
      total = tf.add(total, ce);
    }
    return tf.div(total, b);
  }

  /** Raw decoder outputs to encoded-space values: numeric as is, softmax per categorical span, sigmoid on missing flags. */
  activate(raw: tf.Tensor2D): tf.Tensor2D {
    const missMask = tf.tensor1d(this.missingMask);
    const out = tf.add(tf.mul(raw, tf.sub(1, missMask)), tf.mul(tf.sigmoid(raw), missMask)) as tf.Tensor2D;
    if (this.categorical.length === 0) return out;
    const catMask = tf.tensor1d(this.categoricalMask);
    const { exp, logSum, member } = this.spanExp(raw);
    // Each position's span total, spread back over the span's positions: exp / total is the softmax.
    const total = tf.matMul(tf.exp(logSum), member, false, true);
    const softmax = tf.div(exp, tf.add(total, tf.sub(1, catMask)));
    return tf.add(tf.mul(out, tf.sub(1, catMask)), tf.mul(softmax, catMask)) as tf.Tensor2D;
  }
}
