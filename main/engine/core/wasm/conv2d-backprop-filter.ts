/**
 * Conv2DBackpropFilter for the WASM backend (the stock backend has none, so no conv model can
 * train on it).
 *
 * Shapes (NHWC): x [N, H, W, Cin], dy [N, Ho, Wo, Cout], result dW [fh, fw, Cin, Cout] with
 *
 *   dW[i, j, ci, co] = sum_{n, oh, ow} x[n, oh*sh + i - padTop, ow*sw + j - padLeft, ci] * dy[n, oh, ow, co]
 *
 * This is itself a convolution: take the channels of x as the batch and the batch of x as the
 * channels, and use dy as the filter, dilated by the forward stride:
 *
 *   xT  = transpose(x,  [3, 1, 2, 0])   [Cin, H, W, N]
 *   dyT = transpose(dy, [1, 2, 0, 3])   [Ho, Wo, N, Cout]       (filter: Ho x Wo taps, N in, Cout out)
 *   out = conv2d(xT, dyT, stride 1, dilation (sh, sw), pad (padTop, padBottom', padLeft, padRight'))
 *                                       [Cin, fh, fw, Cout]
 *   dW  = transpose(out, [1, 2, 0, 3])  [fh, fw, Cin, Cout]
 *
 * padBottom' is chosen so the output has exactly fh rows: fh + (Ho - 1)*sh - H - padTop. When that is
 * negative (the forward conv never read the last rows of x), pad 0 and slice the extra rows off.
 * The convolution is WASM's fast XNNPACK Conv2D; no multiply is wasted on dilation zeros.
 *
 * A 1x1 stride-1 filter (the generator's output convs) is a plain product instead,
 * dW [Cin, Cout] = xᵀ [Cin, N*H*W] · dy [N*H*W, Cout]: as a convolution it was one output pixel
 * under an H x W filter, 180 ms for 8 MFLOP at 64x64 (XNNPACK builds an indirection buffer of
 * H*W taps per call). Of the two operand orders the one whose packed operand (XNNPACK packs the
 * right-hand side anew on every call, ~45 ns a value) is dy, the smaller, wins.
 *
 * Why the strided case stays a convolution: as GEMMs over a space-to-depth view of x it needs
 * packing N*Ho*Wo*(s*s*Cin) or N*Ho*Wo*Cout values on every call, and measured slower.
 *
 * Cost note: XNNPACK re-packs a conv's filter whenever the filter tensor is new, as dyT always is,
 * so this pays O(dy) packing (~20 ms for the first layer's 2M-value dy, whose GEMM is ~2 ms). Making
 * x's space-to-depth the filter instead packs less but needs a rank-5 transpose that WASM does
 * slowly; measured, it was slower (34 vs 26 ms), so only this formulation is kept.
 */
import * as tf from '@tensorflow/tfjs-core';

import { inputsOf, pair, withScope } from './kernel-scope';

export function conv2DBackpropFilterWasm(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, dy } = inputsOf(args.inputs, 'x', 'dy');
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports only NHWC');

  const [sh, sw] = pair(strides);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, [sh, sw], 1, pad, dimRoundingMode);
  const { top, left } = info.padInfo;
  const [fh, fw] = [info.filterHeight, info.filterWidth];
  const [, H, W, Cin] = x.shape as [number, number, number, number];
  const [, Ho, Wo, Cout] = dy.shape as [number, number, number, number];
  const bottom = fh + (Ho - 1) * sh - H - top;
  const right = fw + (Wo - 1) * sw - W - left;

  if (fh === 1 && fw === 1 && sh === 1 && sw === 1 && top === 0 && left === 0) {
    return withScope(args.backend, (s) => {
      const m = x.shape[0]! * H * W;
      const xT = s.transpose(s.reshape(x, [m, Cin]), [1, 0]);
      const dw = s.run(tf.BatchMatMul, { a: s.reshape(xT, [1, Cin, m]), b: s.reshape(dy, [1, m, Cout]) }, { transposeA: false, transposeB: false });
      return s.reshape(dw, [1, 1, Cin, Cout]);
    });
  }

  return withScope(args.backend, (s) => {
    const xT = s.transpose(x, [3, 1, 2, 0]); // [Cin, H, W, N]
    const dyT = s.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, N, Cout]
    let out = s.run(tf.Conv2D, { x: xT, filter: dyT }, {
      strides: [1, 1],
      dilations: [sh, sw],
      pad: [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]],
      dataFormat: 'NHWC',
    }); // [Cin, fh (or more), fw (or more), Cout]
    if (bottom < 0 || right < 0) {
      out = s.run(tf.Slice, { x: out }, { begin: [0, 0, 0, 0], size: [Cin, fh, fw, Cout] });
    }
    return s.transpose(out, [1, 2, 0, 3]);
  });
}
