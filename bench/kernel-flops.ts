import type * as tf from '@tensorflow/tfjs-core';

/**
 * Floating-point operations of one profiled step, counted from its kernels' shapes: the
 * convolutions (forward, input and filter gradients) and matrix products, at 2 FLOP per
 * multiply-add. Elementwise kernels are left out: they are memory bound and a small share of
 * the work, so GFLOP/s reads as the rate of the arithmetic that dominates.
 */
type KernelInfo = Awaited<ReturnType<typeof tf.profile>>['kernels'][number];

const size = (shape: readonly number[] | undefined) => (shape ?? []).reduce((n, d) => n * d, 1);

export function kernelFlops(kernel: KernelInfo): number {
  const inputs = kernel.inputShapes as (number[] | undefined)[];
  const output = kernel.outputShapes[0] as number[] | undefined;
  switch (kernel.name) {
    case 'Conv2D': {
      // out [N, Ho, Wo, Cout] x filter [fh, fw, Cin, Cout]
      const [fh, fw, cin] = inputs[1] ?? [];
      return 2 * size(output) * (fh ?? 0) * (fw ?? 0) * (cin ?? 0);
    }
    case 'Conv2DBackpropInput': {
      // dy [N, Ho, Wo, Cout] x filter [fh, fw, Cin, Cout]
      const [fh, fw, cin] = inputs[1] ?? [];
      return 2 * size(inputs[0]) * (fh ?? 0) * (fw ?? 0) * (cin ?? 0);
    }
    case 'Conv2DBackpropFilter': {
      // dy [N, Ho, Wo, Cout], out dW [fh, fw, Cin, Cout]
      const cout = (inputs[1] ?? []).at(-1) ?? 1;
      return (2 * size(inputs[1]) * size(output)) / cout;
    }
    case 'BatchMatMul': {
      // a holds batch * M * K values and every one meets N columns of b (a broadcast batch of a
      // is counted once, an undercount these steps never hit).
      return 2 * size(inputs[0]) * (output?.at(-1) ?? 0);
    }
    default:
      return 0;
  }
}

export function stepGflop(kernels: readonly KernelInfo[]): number {
  return kernels.reduce((sum, k) => sum + kernelFlops(k), 0) / 1e9;
}
