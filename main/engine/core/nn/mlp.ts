import * as tf from '@tensorflow/tfjs-core';
import { dense } from './layers';
import type { Params } from './params';

/** A ReLU MLP: dims [in, h1, ..., out]; no activation after the last layer. */
export function mlp(p: Params, name: string, dims: readonly number[]): (x: tf.Tensor2D) => tf.Tensor2D {
  const layers = dims.slice(1).map((out, i) => dense(p, `${name}/fc${i + 1}`, dims[i] ?? 0, out, i === dims.length - 2 ? 1 : 2));
  return (x) => {
    let h = x;
    layers.forEach((layer, i) => {
      h = layer(h);
      if (i < layers.length - 1) h = tf.relu(h);
    });
    return h;
  };
}
