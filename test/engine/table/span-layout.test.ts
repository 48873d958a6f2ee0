/**
 * The fused span loss and activation (two matmuls over a membership matrix) against the plain
 * per-span formulas they replace: same values and same gradients, on a layout with every kind
 * of span, including a one-wide category and logits far apart.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';

import { seededRandom } from '../../../main/engine/core/random';
import type { Span } from '../../../main/engine/table/encoding/spans';
import { SpanLayout } from '../../../main/engine/table/model/span-layout';

const spans: Span[] = [
  { column: 'a', kind: 'numeric', start: 0, width: 1 },
  { column: 'a', kind: 'categorical', start: 1, width: 3 },
  { column: 'a', kind: 'missing', start: 4, width: 1 },
  { column: 'b', kind: 'categorical', start: 5, width: 4 },
  { column: 'c', kind: 'numeric', start: 9, width: 1 },
  { column: 'd', kind: 'categorical', start: 10, width: 1 },
  { column: 'd', kind: 'missing', start: 11, width: 1 },
];
const width = 12;
const b = 7;

/** The per-span formulas: slice, logSoftmax / softmax per span. */
function reference(raw: tf.Tensor2D, x: tf.Tensor2D) {
  let total: tf.Tensor = tf.scalar(0);
  const pieces: tf.Tensor2D[] = [];
  for (const s of spans) {
    const r = tf.slice(raw, [0, s.start], [b, s.width]);
    const t = tf.slice(x, [0, s.start], [b, s.width]);
    if (s.kind === 'numeric') {
      total = tf.add(total, tf.sum(tf.mul(0.5, tf.square(tf.sub(r, t)))));
      pieces.push(r);
    } else if (s.kind === 'missing') {
      total = tf.add(total, tf.sum(tf.add(tf.sub(tf.relu(r), tf.mul(r, t)), tf.log1p(tf.exp(tf.neg(tf.abs(r)))))));
      pieces.push(tf.sigmoid(r));
    } else {
      total = tf.sub(total, tf.sum(tf.mul(t, tf.logSoftmax(r))));
      pieces.push(tf.softmax(r));
    }
  }
  return { nll: tf.div(total, b) as tf.Scalar, activated: tf.concat(pieces, 1) };
}

function batch(scale: number): { raw: tf.Tensor2D; x: tf.Tensor2D } {
  const random = seededRandom(3);
  const raw = Float32Array.from({ length: b * width }, () => (random() - 0.5) * scale);
  const x = new Float32Array(b * width);
  for (let i = 0; i < b; i++) {
    x[i * width] = random() - 0.5;
    x[i * width + 9] = random() * 2;
    // Row 0 is missing in a (its category all zeros, the flag 1); the others have one category each.
    if (i === 0) x[i * width + 4] = 1;
    else x[i * width + 1 + (i % 3)] = 1;
    x[i * width + 5 + (i % 4)] = 1;
    x[i * width + 10] = 1;
  }
  return { raw: tf.tensor2d(raw, [b, width]), x: tf.tensor2d(x, [b, width]) };
}

describe('SpanLayout', () => {
  const layout = new SpanLayout(spans, width);

  for (const scale of [2, 60]) {
    it(`matches the per-span loss, gradient and activation (logits within ${scale})`, async () => {
      await tf.setBackend('cpu');
      const { raw, x } = batch(scale);
      const ours = tf.valueAndGrad((r: tf.Tensor) => layout.reconNll(r as tf.Tensor2D, x))(raw);
      const ref = tf.valueAndGrad((r: tf.Tensor) => reference(r as tf.Tensor2D, x).nll)(raw);
      expect(ours.value.dataSync()[0]).toBeCloseTo(ref.value.dataSync()[0]!, 3);
      const [g1, g2] = [ours.grad.dataSync(), ref.grad.dataSync()];
      for (let i = 0; i < g1.length; i++) expect(g1[i]).toBeCloseTo(g2[i]!, 5);
      const [a1, a2] = [layout.activate(raw).dataSync(), reference(raw, x).activated.dataSync()];
      for (let i = 0; i < a1.length; i++) expect(a1[i]).toBeCloseTo(a2[i]!, 5);
    });
  }
});
