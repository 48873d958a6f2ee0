import * as tf from '@tensorflow/tfjs-core';
import type { Params } from '../../core/nn/params';

/**
 * Parameters and gradients cross thread boundaries as one flat Float32Array in the
 * parameter set's creation order (the same on every replica, which builds the same model).
 */
export async function flattenParams(params: Params): Promise<Float32Array> {
  const vars = params.list();
  const out = new Float32Array(vars.reduce((sum, v) => sum + v.size, 0));
  let at = 0;
  for (const v of vars) {
    out.set((await v.data()) as Float32Array, at);
    at += v.size;
  }
  return out;
}

/** Assigns a flat array written by flattenParams to the same model's parameters. */
export function assignFlat(params: Params, flat: Float32Array): void {
  let at = 0;
  for (const v of params.list()) {
    const t = tf.tensor(flat.subarray(at, at + v.size), v.shape);
    v.assign(t);
    t.dispose();
    at += v.size;
  }
  if (at !== flat.length) throw new Error(`flat parameters have ${flat.length} values, the model ${at}`);
}

/** Flattens gradients given in the parameters' order. */
export async function flattenGrads(params: Params, grads: tf.NamedTensorMap): Promise<Float32Array> {
  const vars = params.list();
  const out = new Float32Array(vars.reduce((sum, v) => sum + v.size, 0));
  let at = 0;
  for (const v of vars) {
    const g = grads[v.name];
    if (g) out.set((await g.data()) as Float32Array, at);
    at += v.size;
  }
  return out;
}

/** Flat gradients back to the map an optimizer applies, keyed by variable name. */
export function unflattenGrads(params: Params, flat: Float32Array): tf.NamedTensorMap {
  const map: tf.NamedTensorMap = {};
  let at = 0;
  for (const v of params.list()) {
    map[v.name] = tf.tensor(flat.subarray(at, at + v.size), v.shape);
    at += v.size;
  }
  return map;
}
