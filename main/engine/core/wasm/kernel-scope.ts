/**
 * Helpers for composing a WASM kernel out of the WASM backend's other kernels.
 *
 * A kernel function receives and returns TensorInfos (raw backend buffers), not Tensors: nothing
 * it creates is tracked by the engine, so every intermediate must be released with
 * `backend.disposeData`. `KernelScope` does that bookkeeping: each `run` records its output, and
 * `dispose` releases everything not handed back by `keep`. Call `dispose` in a `finally` so a
 * throwing kernel leaks nothing either.
 *
 * The kernels are looked up in the registry at call time (`tf.getKernel(name, 'wasm')`), so they
 * run the stock, fast C++/XNNPACK code of the WASM backend; the engine (tape, profiler, tensor
 * counts) never sees them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export const WASM = 'wasm';

export class KernelScope {
  private readonly owned: tf.TensorInfo[] = [];

  constructor(readonly backend: tf.KernelBackend) {}

  /**
   * Runs the registered WASM kernel `name` (or `kernelFunc` when given, e.g. a saved stock
   * implementation) and records its single output for disposal.
   *
   * `attrs` is typed `object` because some attributes (explicit padding, number[][]) are not in
   * tfjs-core's `NamedAttrMap` value union although every kernel accepts them.
   */
  run(name: string, inputs: tf.NamedTensorInfoMap, attrs: object, kernelFunc?: tf.KernelFunc): tf.TensorInfo {
    const fn = kernelFunc ?? tf.getKernel(name, WASM)?.kernelFunc;
    if (fn == null) throw new Error(`Kernel '${name}' is not registered for backend '${WASM}'`);
    const out = fn({ inputs, backend: this.backend, attrs: attrs as tf.NamedAttrMap });
    if (Array.isArray(out)) {
      this.owned.push(...out);
      throw new Error(`Kernel '${name}' returned ${out.length} outputs; expected one`);
    }
    this.owned.push(out);
    return out;
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run(tf.Reshape, { x }, { shape });
  }

  /**
   * Transpose, run at the lowest rank that expresses it: length-1 axes dropped and axes that stay
   * neighbours merged (e.g. [N, U, V, s, s, C] by [0, 1, 3, 2, 4, 5] is [N*U, V, s, s*C] by
   * [0, 2, 1, 3]). WASM's Transpose is much faster at low rank.
   */
  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    const outShape = perm.map((p) => x.shape[p] as number);
    const { shape, perm: small } = reduceTranspose(x.shape, perm);
    if (small.every((p, i) => p === i)) return this.reshape(x, outShape); // pure relabelling
    if (shape.length === x.shape.length) return this.run(tf.Transpose, { x }, { perm });
    const t = this.run(tf.Transpose, { x: this.reshape(x, shape) }, { perm: small });
    return this.reshape(t, outShape);
  }

  /**
   * Crops a float32 rank-3 tensor: out[i, j, :] = x[begin0 + i, begin1 + j, begin2 : begin2 + size2].
   *
   * WASM's Slice kernel is JavaScript that first copies the WHOLE input out of the heap
   * (readSync); this copies only the kept rows, heap to heap (TypedArray.set is a memmove).
   */
  crop3d(x: tf.TensorInfo, begin: [number, number, number], size: [number, number, number]): tf.TensorInfo {
    if (x.dtype !== 'float32' || x.shape.length !== 3) throw new Error('crop3d needs a float32 rank-3 tensor');
    const wasm = this.backend as unknown as BackendWasm;
    const out = wasm.makeOutput(size, 'float32');
    this.owned.push(out);
    // Take the views after allocating: growing the WASM heap replaces its buffer.
    const src = wasm.typedArrayFromHeap(x);
    const dst = wasm.typedArrayFromHeap(out);
    const [, d1, d2] = x.shape as [number, number, number];
    let o = 0;
    for (let i = 0; i < size[0]; i++) {
      for (let j = 0; j < size[1]; j++) {
        const start = ((begin[0] + i) * d1 + begin[1] + j) * d2 + begin[2];
        dst.set(src.subarray(start, start + size[2]), o);
        o += size[2];
      }
    }
    return out;
  }

  /** Records a buffer made directly on the backend (makeOutput) for disposal. */
  adopt(info: tf.TensorInfo): tf.TensorInfo {
    this.owned.push(info);
    return info;
  }

  /** Takes `info` out of the scope: it will be returned to the engine, which then owns it. */
  keep(info: tf.TensorInfo): tf.TensorInfo {
    const i = this.owned.indexOf(info);
    if (i >= 0) this.owned.splice(i, 1);
    return info;
  }

  /** Releases every recorded intermediate (each holds one reference to its buffer). */
  dispose(): void {
    for (const info of this.owned) this.backend.disposeData(info.dataId);
    this.owned.length = 0;
  }
}

/** Runs `body` with a fresh scope; returns the body's result, which must come from the scope. */
export function withScope(backend: unknown, body: (scope: KernelScope) => tf.TensorInfo): tf.TensorInfo {
  const scope = new KernelScope(backend as tf.KernelBackend);
  try {
    return scope.keep(body(scope));
  } finally {
    scope.dispose();
  }
}

/** The named inputs of a kernel call, checked present. */
export function inputsOf<K extends string>(inputs: tf.NamedTensorInfoMap, ...names: K[]): Record<K, tf.TensorInfo> {
  const out = {} as Record<K, tf.TensorInfo>;
  for (const name of names) {
    const info = inputs[name];
    if (info == null) throw new Error(`Kernel input '${name}' is missing`);
    out[name] = info;
  }
  return out;
}

/** Strides / dilations attribute as a pair. */
export function pair(v: number | [number, number]): [number, number] {
  return typeof v === 'number' ? [v, v] : v;
}

/**
 * The same transpose on fewer axes: drops length-1 axes, then merges runs of input axes that
 * appear consecutively, in order, in `perm`. Returns the reduced input shape and permutation.
 */
export function reduceTranspose(shape: readonly number[], perm: readonly number[]): { shape: number[]; perm: number[] } {
  const kept = perm.filter((p) => shape[p] !== 1);
  // Groups of input axes, in output order, each a run p, p+1, ... (ignoring dropped axes).
  const groups: number[][] = [];
  for (const p of kept) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    if (last != null && prev != null && nextKept(shape, prev) === p) last.push(p);
    else groups.push([p]);
  }
  // Number the groups by their position in the input.
  const byInput = [...groups].sort((a, b) => a[0]! - b[0]!);
  const reducedShape = byInput.map((g) => g.reduce((n, p) => n * shape[p]!, 1));
  const reducedPerm = groups.map((g) => byInput.indexOf(g));
  return { shape: reducedShape, perm: reducedPerm };
}

/** The next input axis after `p` whose length is not 1 (or -1). */
function nextKept(shape: readonly number[], p: number): number {
  for (let q = p + 1; q < shape.length; q++) if (shape[q] !== 1) return q;
  return -1;
}
