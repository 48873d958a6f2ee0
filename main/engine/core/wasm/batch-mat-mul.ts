/**
 * BatchMatMul for the WASM backend with transposed operands.
 *
 * The stock WASM kernel sends a product with transposeA or transposeB to a slow scalar path; both
 * appear in every dense layer's gradient (dx = dy · Wᵀ, dW = xᵀ · dy). Transposing the operand
 * explicitly (WASM's fast Transpose, O(size)) and multiplying without flags takes the fast
 * XNNPACK path instead; the transpose is cheap next to the O(M·K·N) product.
 *
 * Shapes: a [...batchA, M, K] (or [..., K, M] when transposeA), b [...batchB, K, N] (or [..., N, K]
 * when transposeB); result [...broadcast(batchA, batchB), M, N].
 */
import * as tf from '@tensorflow/tfjs-core';

import { inputsOf, withScope } from './kernel-scope';

/** The permutation that swaps the last two axes of a rank-`rank` tensor. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

export function makeBatchMatMulWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = inputsOf(args.inputs, 'a', 'b');
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    if (!transposeA && !transposeB) return stock(args);
    return withScope(args.backend, (s) => {
      const a2 = transposeA ? s.transpose(a, swapLastTwo(a.shape.length)) : a;
      const b2 = transposeB ? s.transpose(b, swapLastTwo(b.shape.length)) : b;
      return s.run(tf.BatchMatMul, { a: a2, b: b2 }, { transposeA: false, transposeB: false }, stock);
    });
  };
}
