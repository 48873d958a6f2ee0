/**
 * Fast Conv2DBackpropInput for the WASM backend: the input gradient of every conv layer and the
 * forward pass of every conv2dTranspose. The stock WASM kernel is a plain scalar loop, ~10x slower
 * than WASM's XNNPACK Conv2D; this rebuilds it as ONE stride-1 Conv2D plus a depth-to-space.
 *
 * Shapes (NHWC): dy [N, Ho, Wo, Cout], filter [fh, fw, Cin, Cout], result dx [N, H, W, Cin] with
 *
 *   dx[n, h, w, ci] = sum over (oh, i) with oh*sh + i = h + padTop, (ow, j) likewise, and co of
 *                     dy[n, oh, ow, co] * filter[i, j, ci, co]
 *
 * Sub-pixel (polyphase) form, per spatial axis: write h + padTop = s*u + p with phase p in [0, s).
 * The taps that reach phase p are i = p + s*a (a = 0 .. A-1, A = ceil(fh / s)) with oh = u - a, so
 *
 *   dx[s*u + p - padTop] = sum_a dy[u - a] * filter[p + s*a]
 *
 * is a stride-1 correlation of dy with A taps whose output channels are all (p, q, ci) phases:
 *
 *   F  = filter zero-padded to [A*sh, B*sw, Cin, Cout] -> [A, sh, B, sw, Cin, Cout],
 *        flipped along A and B, transposed to [A, B, Cout, sh, sw, Cin] -> [A, B, Cout, sh*sw*Cin]
 *   Y  = conv2d(dy, F, stride 1, pad top A-1-uMin / bottom as needed)   [N, U, V, sh*sw*Cin]
 *   dx = depth-to-space(Y) [N, U*sh, V*sw, Cin], cropped to rows padTop - sh*uMin ... (+H), cols alike
 *
 * Every multiply but the edge groups' is a useful one (no zeros inserted into dy, unlike the
 * textbook dilated form).
 * Unsupported cases (NCHW, a padding so large that the conv padding would go negative) use the
 * stock kernel.
 */
import * as tf from '@tensorflow/tfjs-core';

import { inputsOf, pair, withScope } from './kernel-scope';

/** The per-axis plan of the polyphase convolution. */
interface AxisPlan {
  /** Taps per phase: ceil(k / s). */
  taps: number;
  /** Conv padding before / after along this axis. */
  padBefore: number;
  padAfter: number;
  /** Conv output length (number of phase groups). */
  groups: number;
  /** First row of the depth-to-space result that belongs to dx. */
  crop: number;
}

/**
 * inSize: dx length (H); outSize: dy length (Ho); k: filter length; s: stride; pad: forward
 * padding before (padTop). Returns null when the fast path does not apply.
 */
function planAxis(inSize: number, outSize: number, k: number, s: number, pad: number): AxisPlan | null {
  const taps = Math.ceil(k / s);
  const uMin = Math.floor(pad / s);
  const uMax = Math.floor((pad + inSize - 1) / s);
  const groupsNeeded = uMax - uMin + 1;
  const padBefore = taps - 1 - uMin;
  if (padBefore < 0) return null;
  const padAfter = Math.max(0, groupsNeeded + taps - 1 - outSize - padBefore);
  const groups = outSize + padBefore + padAfter - taps + 1;
  return { taps, padBefore, padAfter, groups, crop: pad - s * uMin };
}

export function makeConv2DBackpropInputWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { dy, filter } = inputsOf(args.inputs, 'dy', 'filter');
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
      args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    if (dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32') return stock(args);

    const [sh, sw] = pair(strides);
    const info = tf.backend_util.computeConv2DInfo(
      inputShape, filter.shape as [number, number, number, number], [sh, sw], 1, pad, dimRoundingMode);
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: Cin, outChannels: Cout } = info;
    const [fh, fw] = [info.filterHeight, info.filterWidth];
    const rows = planAxis(H, dy.shape[1] as number, fh, sh, info.padInfo.top);
    const cols = planAxis(W, dy.shape[2] as number, fw, sw, info.padInfo.left);
    if (rows == null || cols == null) return stock(args);
    const [A, B] = [rows.taps, cols.taps];

    return withScope(args.backend, (s) => {
      // Filter -> polyphase filter F [A, B, Cout, sh*sw*Cin] (tiny: a few thousand floats).
      let f = filter;
      if (A * sh !== fh || B * sw !== fw) {
        f = s.run(tf.PadV2, { x: f }, { paddings: [[0, A * sh - fh], [0, B * sw - fw], [0, 0], [0, 0]], constantValue: 0 });
      }
      f = s.reshape(f, [A, sh, B, sw, Cin, Cout]);
      if (A > 1 || B > 1) f = s.run(tf.Reverse, { x: f }, { dims: [0, 2] });
      f = s.transpose(f, [0, 2, 5, 1, 3, 4]);
      f = s.reshape(f, [A, B, Cout, sh * sw * Cin]);

      // One stride-1 conv over dy: [N, U, V, sh*sw*Cin].
      let y = s.run(tf.Conv2D, { x: dy, filter: f }, {
        strides: [1, 1],
        dilations: [1, 1],
        pad: [[0, 0], [rows.padBefore, rows.padAfter], [cols.padBefore, cols.padAfter], [0, 0]],
        dataFormat: 'NHWC',
      });
      const [U, V] = [rows.groups, cols.groups];

      // Depth-to-space: [N, U, V, sh, sw, Cin] -> [N, U, sh, V, sw, Cin]. With sh = 1 the axis
      // swap moves a length-1 axis, so the memory order is already right.
      if (sh > 1) {
        y = s.reshape(y, [N, U, V, sh, sw, Cin]);
        y = s.transpose(y, [0, 1, 3, 2, 4, 5]);
      }
      // Crop to [N, H, W, Cin]. Seen as [N, U*sh, V*sw*Cin], each kept row is one contiguous run:
      // N*H row copies.
      if (rows.crop !== 0 || cols.crop !== 0 || U * sh !== H || V * sw !== W) {
        y = s.reshape(y, [N, U * sh, V * sw * Cin]);
        y = s.crop3d(y, [0, rows.crop, cols.crop * Cin], [N, H, W * Cin]);
      }
      return s.reshape(y, [N, H, W, Cin]);
    });
  };
}
