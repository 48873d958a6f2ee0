/**
 * BatchMatMul for the WASM backend with transposed operands.
 *
 * The stock WASM kernel sends a product with transposeA or transposeB to a slow scalar path; both
 * appear in every dense layer's gradient (dx = dy · Wᵀ, dW = xᵀ · dy). Transposing the operand
 * explicitly (WASM's fast Transpose, O(size)) and multiplying without flags takes the fast
 * XNNPACK path instead; the transpose is cheap next to the O(M·K·N) product.
 *
 * The stock kernel also caches its XNNPACK operator (with b packed into it) under b's buffer id.
 * Tensors that share a buffer (a Reshape, a transpose that only relabels, a zero-copy Identity)
 * share that id: a second product with the same buffer viewed in another shape would reuse the
 * first one's packed b and return garbage (found as NaN in a dense layer's input gradient,
 * dh = dy · W2ᵀ with W2 [32, 1] seen as [1, 32]). So a b that is a view in another shape than
 * its buffer was made with is copied into a buffer of its own first (b is a weight matrix or
 * smaller here, a copy is cheap); every view that reaches the cache has its buffer's shape.
 *
 * Shapes: a [...batchA, M, K] (or [..., K, M] when transposeA), b [...batchB, K, N] (or [..., N, K]
 * when transposeB); result [...broadcast(batchA, batchB), M, N].
 */
import * as tf from '@tensorflow/tfjs-core';

import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

import { inputsOf, withScope, type KernelScope } from './kernel-scope';

/** The permutation that swaps the last two axes of a rank-`rank` tensor. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** b itself when it has its buffer's shape, else a copy in a buffer of its own. */
function withOwnBuffer(s: KernelScope, b: tf.TensorInfo): tf.TensorInfo {
  const wasm = s.backend as unknown as BackendWasm;
  const made = wasm.dataIdMap.get(b.dataId)?.shape;
  if (made != null && made.length === b.shape.length && made.every((d, i) => d === b.shape[i])) return b;
  const copy = s.adopt(wasm.makeOutput(b.shape, b.dtype));
  // Views after allocating: growing the heap replaces its buffer.
  wasm.typedArrayFromHeap(copy).set(wasm.typedArrayFromHeap(b));
  return copy;
}

export function makeBatchMatMulWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = inputsOf(args.inputs, 'a', 'b');
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    return withScope(args.backend, (s) => {
      const a2 = transposeA ? s.transpose(a, swapLastTwo(a.shape.length)) : a;
      const b2 = withOwnBuffer(s, transposeB ? s.transpose(b, swapLastTwo(b.shape.length)) : b);
      return s.run(tf.BatchMatMul, { a: a2, b: b2 }, { transposeA: false, transposeB: false }, stock);
    });
  };
}
