/**
 * Makes the TF.js WASM backend able to train conv and dense models quickly.
 *
 * Registers, for backend 'wasm' only (see /work/shared/notes/compute-probe.md for the numbers):
 *   - Conv2DBackpropFilter: missing from the stock backend (no conv model could train);
 *   - Conv2DBackpropInput: the stock kernel is a slow scalar loop, replaced by one fast Conv2D;
 *   - BatchMatMul: transposed operands hit a slow path, so transpose explicitly first;
 *   - Sum, Mean: over non-innermost axes (bias, instance-norm and FiLM gradients) without the
 *     stock kernels' transpose;
 *   - Identity, same-dtype Cast: share the buffer instead of copying it.
 * Each replacement is built from WASM's own fast kernels (see the file of each kernel) and falls
 * back to the stock kernel where its fast path does not apply.
 *
 * Call `registerWasmTrainingKernels()` once before training on 'wasm' (before or after
 * `tf.setBackend('wasm')`; calling it again does nothing). `unregisterWasmTrainingKernels()`
 * restores the stock kernels (for benchmarks and tests).
 */
import * as tf from '@tensorflow/tfjs-core';
// Registers the 'wasm' backend and its stock kernels, which the replacements build on.
import '@tensorflow/tfjs-backend-wasm';

import { makeBatchMatMulWasm } from './batch-mat-mul';
import { conv2DBackpropFilterWasm } from './conv2d-backprop-filter';
import { makeConv2DBackpropInputWasm } from './conv2d-backprop-input';
import { makeCastWasm, makeIdentityWasm } from './identity';
import { makeMeanWasm, makeSumWasm } from './reduce';
import { WASM } from './kernel-scope';

interface Replacement {
  kernelName: string;
  /** Builds our kernel function from the stock one (undefined when the backend has none). */
  make: (stock: tf.KernelFunc | undefined) => tf.KernelFunc;
}

function requireStock(name: string, stock: tf.KernelFunc | undefined): tf.KernelFunc {
  if (stock == null) throw new Error(`The wasm backend has no stock '${name}' kernel to extend`);
  return stock;
}

const REPLACEMENTS: readonly Replacement[] = [
  { kernelName: tf.Conv2DBackpropFilter, make: () => conv2DBackpropFilterWasm },
  {
    kernelName: tf.Conv2DBackpropInput,
    make: (stock) => makeConv2DBackpropInputWasm(requireStock(tf.Conv2DBackpropInput, stock)),
  },
  { kernelName: tf.BatchMatMul, make: (stock) => makeBatchMatMulWasm(requireStock(tf.BatchMatMul, stock)) },
  { kernelName: tf.Sum, make: (stock) => makeSumWasm(requireStock(tf.Sum, stock)) },
  { kernelName: tf.Mean, make: (stock) => makeMeanWasm(requireStock(tf.Mean, stock)) },
  { kernelName: tf.Identity, make: (stock) => makeIdentityWasm(requireStock(tf.Identity, stock)) },
  { kernelName: tf.Cast, make: (stock) => makeCastWasm(requireStock(tf.Cast, stock)) },
];

/** Stock configs we displaced (null: there was none), and the configs we registered. */
const stockConfigs = new Map<string, tf.KernelConfig | null>();
const ourConfigs = new Map<string, tf.KernelConfig>();

/** The kernels this module provides for 'wasm'. */
export type WasmTrainingKernel =
  | typeof tf.Conv2DBackpropFilter
  | typeof tf.Conv2DBackpropInput
  | typeof tf.BatchMatMul
  | typeof tf.Sum
  | typeof tf.Mean
  | typeof tf.Identity
  | typeof tf.Cast;
export const WASM_TRAINING_KERNELS: readonly WasmTrainingKernel[] = [
  tf.Conv2DBackpropFilter,
  tf.Conv2DBackpropInput,
  tf.BatchMatMul,
  tf.Sum,
  tf.Mean,
  tf.Identity,
  tf.Cast,
];

/**
 * Registers our kernels for 'wasm' (all of them, or only `kernels`, e.g. to measure one fix
 * alone). Kernels already ours are left alone, so calling it again is harmless.
 */
export function registerWasmTrainingKernels(kernels: readonly WasmTrainingKernel[] = WASM_TRAINING_KERNELS): void {
  for (const { kernelName, make } of REPLACEMENTS) {
    if (!(kernels as readonly string[]).includes(kernelName)) continue;
    const current = tf.getKernel(kernelName, WASM) as tf.KernelConfig | undefined;
    if (current != null && current === ourConfigs.get(kernelName)) continue; // already ours
    stockConfigs.set(kernelName, current ?? null);
    if (current != null) tf.unregisterKernel(kernelName, WASM);
    const config: tf.KernelConfig = {
      kernelName,
      backendName: WASM,
      kernelFunc: make(current?.kernelFunc),
      // Keep the stock setup (it binds the C++ function the fallback calls): the engine runs
      // the setupFunc of the registered config when the backend initialises.
      setupFunc: current?.setupFunc,
      disposeFunc: current?.disposeFunc,
    };
    tf.registerKernel(config);
    ourConfigs.set(kernelName, config);
  }
}

/** Puts the stock WASM kernels back (a no-op for kernels that are not ours). */
export function unregisterWasmTrainingKernels(): void {
  for (const { kernelName } of REPLACEMENTS) {
    const current = tf.getKernel(kernelName, WASM) as tf.KernelConfig | undefined;
    const ours = ourConfigs.get(kernelName);
    if (current == null || current !== ours) continue;
    tf.unregisterKernel(kernelName, WASM);
    const stock = stockConfigs.get(kernelName);
    if (stock != null) tf.registerKernel(stock);
    ourConfigs.delete(kernelName);
    stockConfigs.delete(kernelName);
  }
}

/** Whether our kernels are the ones registered for 'wasm' now. */
export function wasmTrainingKernelsRegistered(): boolean {
  return REPLACEMENTS.every(({ kernelName }) => {
    const current = tf.getKernel(kernelName, WASM) as tf.KernelConfig | undefined;
    return current != null && current === ourConfigs.get(kernelName);
  });
}
