import * as tf from '@tensorflow/tfjs-core';

/**
 * Instance normalisation, optionally followed by a per-instance, per-channel scale and shift
 * (FiLM), as ONE op with its gradient written out:
 *
 *   xhat = (x - mean_hw(x)) * r,   r = 1 / sqrt(var_hw(x) + eps),   out = s * xhat + m
 *
 *   dm = sum_hw(dy),   ds = sum_hw(dy * xhat),   dx = r * s * (dy - dm / n - xhat * ds / n)
 *
 * (n = H * W; the usual batch-norm gradient, per instance.) Autodiff through moments, sub,
 * sqrt, div, mul and add takes ~25 kernels per layer backwards, many of them broadcasting ops
 * and reductions over full 64x64 activations; this takes 7. The stage-2 generator runs it on
 * every level, so it is a measurable share of the 64x64 stage-2 step.
 */
export function instanceNormFilm(x: tf.Tensor4D, scale?: tf.Tensor4D, shift?: tf.Tensor4D, epsilon = 1e-5): tf.Tensor4D {
  const [, h, w, c] = x.shape;
  const b = x.shape[0];
  const s = scale ?? tf.ones([b, 1, 1, c]);
  const m = shift ?? tf.zeros([b, 1, 1, c]);
  const n = h * w;
  // customGrad's callback takes its inputs and then the save function in one rest parameter.
  const forward = (xIn: tf.Tensor, sIn: tf.Tensor, mIn: tf.Tensor, save: tf.GradSaveFunc) => {
    const xt = xIn as tf.Tensor4D;
    const mean = tf.mean(xt, [1, 2], true);
    const centred = tf.sub(xt, mean);
    const r = tf.rsqrt(tf.add(tf.mean(tf.square(centred), [1, 2], true), epsilon));
    const xhat = tf.mul(centred, r);
    save([xhat, r, sIn as tf.Tensor]);
    return {
      value: tf.add(tf.mul(xhat, sIn as tf.Tensor), mIn as tf.Tensor),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, rs, sv] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const dm = tf.sum(dy, [1, 2], true);
        const ds = tf.sum(tf.mul(dy, xh), [1, 2], true);
        const inner = tf.sub(tf.sub(dy, tf.div(dm, n)), tf.mul(xh, tf.div(ds, n)));
        return [tf.mul(inner, tf.mul(rs, sv)), ds, dm];
      },
    };
  };
  const op = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(x, s, m) as tf.Tensor4D;
}
