import * as tf from '@tensorflow/tfjs-core';
import { dense } from '../../core/nn/layers';
import { mlp } from '../../core/nn/mlp';
import type { Params } from '../../core/nn/params';

/**
 * A conditional RealNVP-style flow for p(r | y) (the "light" stage 2 for small tables):
 *   u0 = (r - m(y)) * exp(-s(y))                               a conditional diagonal Gaussian,
 *   u_{l+1} = mask_l * u_l + (1 - mask_l) * (u_l * exp(a_l) + b_l),   a_l, b_l = NN_l(mask_l * u_l, y)
 * and u_L ~ N(0, I). With every coupling at zero it is the Gaussian; couplings add the
 * correlated, non-Gaussian shape. Masks alternate over positions (even/odd, then halves) so
 * every position is transformed conditioned on others. Scales go through tanh (bounded) and the
 * couplings' last layers start at zero, so training starts at the identity.
 */
export interface ConditionalFlow {
  /** u = f(r; y) and log |det df/dr| per row. */
  forward(r: tf.Tensor2D, y: tf.Tensor2D): { u: tf.Tensor2D; logDet: tf.Tensor1D };
  /** log p(r | y) per row: [b]. */
  logProb(r: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D;
  /** r = f^-1(u; y) for base noise u: [b, w]. */
  invert(u: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D;
}

const maxLogScale = 3;
const halfLog2Pi = 0.5 * Math.log(2 * Math.PI);

function masks(width: number, layers: number): Float32Array[] {
  return Array.from({ length: layers }, (_, l) => {
    const m = new Float32Array(width);
    for (let j = 0; j < width; j++) {
      const bit = l % 4 < 2 ? j % 2 : j < width / 2 ? 1 : 0;
      m[j] = l % 2 === 0 ? bit : 1 - bit;
    }
    return m;
  });
}

export function conditionalFlow(p: Params, name: string, width: number, condDim: number, hidden: number, layers: number): ConditionalFlow {
  const base = mlp(p, `${name}/base`, [condDim, hidden, 2 * width]);
  const couplings = masks(width, layers).map((mask, l) => {
    const trunk = mlp(p, `${name}/c${l}`, [width + condDim, hidden, hidden]);
    const head = dense(p, `${name}/c${l}/head`, hidden, 2 * width, 1e-6);
    return { mask, trunk, head };
  });
  const maskTensors = () => couplings.map((c) => tf.tensor1d(c.mask));

  const baseParams = (y: tf.Tensor2D) => {
    const [m, s] = tf.split(base(y), 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return { m, s: tf.mul(maxLogScale, tf.tanh(tf.div(s, maxLogScale))) };
  };
  const couplingParams = (l: number, masked: tf.Tensor2D, y: tf.Tensor2D, mask: tf.Tensor1D) => {
    const c = couplings[l]!;
    const [a, b] = tf.split(c.head(tf.relu(c.trunk(tf.concat([masked, y], 1)))), 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    const free = tf.sub(1, mask);
    return { a: tf.mul(tf.mul(maxLogScale, tf.tanh(tf.div(a, maxLogScale))), free), b: tf.mul(b, free) };
  };

  const forward = (r: tf.Tensor2D, y: tf.Tensor2D) => {
    const ms = maskTensors();
    const { m, s } = baseParams(y);
    let u = tf.mul(tf.sub(r, m), tf.exp(tf.neg(s))) as tf.Tensor2D;
    let logDet = tf.neg(tf.sum(s, 1));
    couplings.forEach((_, l) => {
      const mask = ms[l]!;
      const { a, b } = couplingParams(l, tf.mul(u, mask), y, mask);
      u = tf.add(tf.mul(u, tf.exp(a)), b) as tf.Tensor2D;
      logDet = tf.add(logDet, tf.sum(a, 1));
    });
    return { u, logDet: logDet as tf.Tensor1D };
  };

  return {
    forward,
    logProb(r, y) {
      const { u, logDet } = forward(r, y);
      const logBase = tf.neg(tf.sum(tf.add(tf.mul(0.5, tf.square(u)), halfLog2Pi), 1));
      return tf.add(logBase, logDet) as tf.Tensor1D;
    },
    invert(u0, y) {
      const ms = maskTensors();
      let u = u0;
      for (let l = couplings.length - 1; l >= 0; l--) {
        const mask = ms[l]!;
        // The masked positions are unchanged by layer l, so a and b are recomputed exactly.
        const { a, b } = couplingParams(l, tf.mul(u, mask), y, mask);
        u = tf.mul(tf.sub(u, b), tf.exp(tf.neg(a))) as tf.Tensor2D;
      }
      const { m, s } = baseParams(y);
      return tf.add(tf.mul(u, tf.exp(s)), m) as tf.Tensor2D;
    },
  };
}
