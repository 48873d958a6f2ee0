/**
 * The WASM training kernels (main/engine/core/wasm) against the pure-JS CPU backend.
 *
 * Every case builds the same inputs (seeded) on 'cpu' and on 'wasm' (with our kernels registered)
 * and compares: max |wasm - cpu| / max |cpu| < 1e-4. Shapes include odd sizes (7x9 spatial, 3
 * channels, batch 3) and the stage-1 model's real layers (batch 4, 64x64x1, k4 s2 'same', ...).
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients (tfjs-layers imports this for the app).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomTensor, randomValues } from '../../helpers/random-tensor';

import { reduceTranspose } from '../../../main/engine/core/wasm/kernel-scope';
import { logSumExp } from '../../../main/engine/core/losses/log-sum-exp';
import {
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
  wasmTrainingKernelsRegistered,
} from '../../../main/engine/core/wasm/register-kernels';

type Backend = 'cpu' | 'wasm';
type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

const TOLERANCE = 1e-4;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(await tf.setBackend('cpu')).toBe(true);
});

/** `arr[i]`, throwing when it is missing. */
function at<T>(arr: ArrayLike<T>, i: number): T {
  const v = arr[i];
  if (v === undefined) throw new Error(`No element at index ${i} (length ${arr.length})`);
  return v;
}

/** Runs `build` on `backend` (inside tidy) and returns copies of its outputs' values. */
async function valuesOn(backend: Backend, build: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(() => {
    const r = build();
    return Array.isArray(r) ? r : [r];
  });
  const values = outs.map((t) => Float32Array.from(t.dataSync() as Float32Array));
  tf.dispose(outs);
  return values;
}

function relativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / Math.max(scale, 1e-30);
}

/** Same computation on cpu and wasm; every output within TOLERANCE. */
async function expectWasmMatchesCpu(build: () => tf.Tensor | tf.Tensor[]): Promise<void> {
  const expected = await valuesOn('cpu', build);
  const actual = await valuesOn('wasm', build);
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(expected[i]!.every(Number.isFinite)).toBe(true);
    expect(relativeError(actual[i]!, expected[i]!)).toBeLessThan(TOLERANCE);
  }
}

/**
 * Runs one kernel directly on wasm and checks that it leaves exactly its output behind: no
 * intermediate buffer (which the engine cannot see) may leak.
 */
async function expectNoWasmLeak(run: () => tf.Tensor): Promise<void> {
  await tf.setBackend('wasm');
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.backend().numDataIds();
  const out = run();
  expect(tf.backend().numDataIds()).toBe(buffersBefore + 1);
  out.dispose();
  expect(tf.backend().numDataIds()).toBe(buffersBefore);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
}

/** A forward conv geometry: x [N, H, W, Cin] * filter [fh, fw, Cin, Cout]. */
interface ConvCase {
  name: string;
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: Pad;
}

const ODD_CASES: ConvCase[] = [
  { name: 'k4 s2 same', x: [3, 7, 9, 3], filter: [4, 4, 3, 5], strides: 2, pad: 'same' },
  { name: 'k4 s2 valid', x: [3, 7, 9, 3], filter: [4, 4, 3, 5], strides: 2, pad: 'valid' },
  { name: 'k2 s2 valid', x: [3, 7, 9, 3], filter: [2, 2, 3, 5], strides: 2, pad: 'valid' },
  { name: 'k2 s2 same', x: [3, 7, 9, 3], filter: [2, 2, 3, 5], strides: 2, pad: 'same' },
  { name: 'k5 s1 same', x: [3, 7, 9, 3], filter: [5, 5, 3, 5], strides: 1, pad: 'same' },
  { name: 'k5 s2 same', x: [3, 7, 9, 3], filter: [5, 5, 3, 5], strides: 2, pad: 'same' },
  { name: 'k5 s2 valid', x: [3, 8, 10, 3], filter: [5, 5, 3, 4], strides: 2, pad: 'valid' },
  { name: 'k4 s1 valid', x: [3, 7, 9, 3], filter: [4, 4, 3, 5], strides: 1, pad: 'valid' },
  { name: 'k3 s1 pad 1', x: [3, 7, 9, 3], filter: [3, 3, 3, 5], strides: 1, pad: 1 },
  { name: 'k4 s2 pad 1', x: [3, 8, 10, 3], filter: [4, 4, 3, 2], strides: 2, pad: 1 },
  { name: 'k4 s2 explicit', x: [3, 7, 9, 3], filter: [4, 4, 3, 5], strides: 2, pad: [[0, 0], [1, 2], [2, 1], [0, 0]] },
  { name: 'k4 strides 2x1 same', x: [3, 7, 9, 3], filter: [4, 4, 3, 5], strides: [2, 1], pad: 'same' },
  { name: 'k3x5 strides 1x3 same', x: [2, 9, 7, 2], filter: [3, 5, 2, 3], strides: [1, 3], pad: 'same' },
  { name: 'k3 s3 same', x: [2, 9, 7, 2], filter: [3, 3, 2, 3], strides: 3, pad: 'same' },
  // Fewer input than output-gradient values: the filter gradient packs x instead of dy.
  { name: 'Cin 1 k4 s2 same', x: [3, 7, 9, 1], filter: [4, 4, 1, 6], strides: 2, pad: 'same' },
  { name: 'Cin 2 k5 s2 same', x: [3, 9, 7, 2], filter: [5, 5, 2, 8], strides: 2, pad: 'same' },
  { name: 'Cin 1 k3 s1 pad 1', x: [2, 7, 9, 1], filter: [3, 3, 1, 4], strides: 1, pad: 1 },
  { name: 'Cin 1 k4 strides 2x1 explicit', x: [3, 7, 9, 1], filter: [4, 4, 1, 6], strides: [2, 1], pad: [[0, 0], [1, 2], [2, 1], [0, 0]] },
  { name: 'Cin 1 k4 s2 valid', x: [3, 8, 9, 1], filter: [4, 4, 1, 6], strides: 2, pad: 'valid' },
  // Padding wider than the kernel: the input-gradient fast path does not apply (stock fallback).
  { name: 'k2 s2 explicit 3 (fallback)', x: [2, 7, 7, 2], filter: [2, 2, 2, 3], strides: 2, pad: [[0, 0], [3, 3], [3, 3], [0, 0]] },
];

/** The stage-1 model's conv layers (batch 4); the decoder's transposed convs mirror them. */
const MODEL_CASES: ConvCase[] = [
  { name: '64x64x1 -> 32 k4 s2', x: [4, 64, 64, 1], filter: [4, 4, 1, 32], strides: 2, pad: 'same' },
  { name: '32x32x32 -> 32 k4 s2', x: [4, 32, 32, 32], filter: [4, 4, 32, 32], strides: 2, pad: 'same' },
  { name: '16x16x32 -> 64 k4 s2', x: [4, 16, 16, 32], filter: [4, 4, 32, 64], strides: 2, pad: 'same' },
  { name: '8x8x64 -> 64 k4 s2', x: [4, 8, 8, 64], filter: [4, 4, 64, 64], strides: 2, pad: 'same' },
  { name: '16x16x32 -> 64 k2 s2', x: [4, 16, 16, 32], filter: [2, 2, 32, 64], strides: 2, pad: 'same' },
  { name: '8x8x64 -> 64 k2 s2', x: [4, 8, 8, 64], filter: [2, 2, 64, 64], strides: 2, pad: 'same' },
  // The stage-2 generator's output convs: the filter gradient's 1x1 product path.
  { name: '64x64x16 -> 1 k1 s1', x: [2, 64, 64, 16], filter: [1, 1, 16, 1], strides: 1, pad: 'same' },
  { name: '9x7x3 -> 5 k1 s1 valid', x: [3, 9, 7, 3], filter: [1, 1, 3, 5], strides: 1, pad: 'valid' },
  // A 1x1 filter with stride 2 reads every other pixel: the convolution path, not the product.
  { name: '9x7x3 -> 5 k1 s2', x: [3, 9, 7, 3], filter: [1, 1, 3, 5], strides: 2, pad: 'same' },
];

function convOutShape(c: ConvCase): Shape4 {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad).outShape;
}

describe('registration', () => {
  it('is idempotent and can be undone', async () => {
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    expect(wasmTrainingKernelsRegistered()).toBe(true);

    unregisterWasmTrainingKernels();
    expect(wasmTrainingKernelsRegistered()).toBe(false);
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeUndefined();
    expect(tf.getKernel(tf.BatchMatMul, 'wasm')).toBeDefined();
    expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')).toBeDefined();
    // The stock kernels still work after being put back.
    await expectWasmMatchesCpu(() => tf.matMul(randomTensor([5, 3], 1), randomTensor([4, 3], 2), false, true));

    registerWasmTrainingKernels();
    expect(wasmTrainingKernelsRegistered()).toBe(true);
  });
});

describe('reduceTranspose', () => {
  it('drops length-1 axes and merges axes that stay neighbours', () => {
    expect(reduceTranspose([64, 33, 33, 2, 2, 32], [0, 1, 3, 2, 4, 5])).toEqual({ shape: [2112, 33, 2, 64], perm: [0, 2, 1, 3] });
    expect(reduceTranspose([64, 32, 32, 1], [3, 1, 2, 0])).toEqual({ shape: [64, 1024], perm: [1, 0] });
    expect(reduceTranspose([4, 5, 6], [0, 1, 2])).toEqual({ shape: [120], perm: [0] });
    expect(reduceTranspose([2, 1, 3], [2, 1, 0])).toEqual({ shape: [2, 3], perm: [1, 0] });
  });
  it('gives the same values as the plain transpose', async () => {
    for (const [shape, perm] of [[[3, 4, 1, 5, 2], [0, 3, 4, 2, 1]], [[2, 3, 4, 5, 2, 3], [0, 1, 3, 2, 4, 5]], [[3, 1, 2, 4], [3, 1, 2, 0]]] as const) {
      const x = randomTensor([...shape], 5);
      const { shape: small, perm: smallPerm } = reduceTranspose(shape, perm);
      const expected = tf.transpose(x, [...perm]);
      const actual = tf.reshape(tf.transpose(tf.reshape(x, small), smallPerm), expected.shape);
      expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
      tf.dispose([x, expected, actual]);
    }
  });
});

describe('Conv2DBackpropFilter', () => {
  for (const c of [...ODD_CASES, ...MODEL_CASES]) {
    it(`${c.name}: x ${c.x.join('x')}, filter ${c.filter.join('x')}`, async () => {
      const dyShape = convOutShape(c);
      const run = () => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: randomTensor(c.x, 11), dy: randomTensor(dyShape, 12) },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter } as unknown as tf.NamedAttrMap) as tf.Tensor;
      await expectWasmMatchesCpu(run);
      await expectNoWasmLeak(() => tf.tidy(run));
    });
  }
});

describe('Conv2DBackpropInput', () => {
  for (const c of [...ODD_CASES, ...MODEL_CASES]) {
    it(`${c.name}: dx ${c.x.join('x')}, filter ${c.filter.join('x')}`, async () => {
      const dyShape = convOutShape(c);
      const run = () => tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: randomTensor(dyShape, 21), filter: randomTensor(c.filter, 22) },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x } as unknown as tf.NamedAttrMap) as tf.Tensor;
      await expectWasmMatchesCpu(run);
      await expectNoWasmLeak(() => tf.tidy(run));
    });
  }
});

describe('BatchMatMul', () => {
  const cases: Array<{ a: number[]; b: number[]; tA: boolean; tB: boolean }> = [];
  for (const tA of [false, true]) {
    for (const tB of [false, true]) {
      // 2-D odd sizes, batched, broadcast batch, and the dense-layer gradient shapes.
      cases.push({ a: tA ? [5, 7] : [7, 5], b: tB ? [3, 5] : [5, 3], tA, tB });
      cases.push({ a: tA ? [3, 5, 7] : [3, 7, 5], b: tB ? [3, 4, 5] : [3, 5, 4], tA, tB });
      cases.push({ a: tA ? [1, 5, 7] : [1, 7, 5], b: tB ? [3, 4, 5] : [3, 5, 4], tA, tB });
      cases.push({ a: tA ? [64, 1024] : [1024, 64], b: tB ? [256, 64] : [64, 256], tA, tB });
    }
  }
  for (const c of cases) {
    it(`a ${c.a.join('x')}${c.tA ? 'ᵀ' : ''} · b ${c.b.join('x')}${c.tB ? 'ᵀ' : ''}`, async () => {
      const run = () => tf.matMul(randomTensor(c.a, 31), randomTensor(c.b, 32), c.tA, c.tB);
      await expectWasmMatchesCpu(run);
      await expectNoWasmLeak(() => tf.tidy(run));
    });
  }
});

describe('BatchMatMul with a buffer seen in two shapes', () => {
  // The stock kernel caches its packed b by buffer id; a reshaped view shares the id. Without
  // the copy in our kernel the second product reused the first one's packing (NaN / garbage).
  it('w [32, 1] then the same buffer as [1, 32] (a dense layer and its input gradient)', async () => {
    await expectWasmMatchesCpu(() => {
      const w = randomTensor([32, 1], 61);
      const first = tf.matMul(randomTensor([64, 32], 62), w);
      const second = tf.matMul(randomTensor([64, 1], 63), tf.reshape(w, [1, 32]));
      const third = tf.matMul(randomTensor([64, 1], 64), w, false, true);
      return [first, second, third];
    });
  });
});

describe('Sum and Mean over non-innermost axes', () => {
  // [shape, axes, keepDims]: bias gradients, instance-norm moments, a middle block, and the
  // cases left to the stock kernels (innermost axes, a split block, all axes, negative axes).
  const cases: Array<[number[], number[] | undefined, boolean]> = [
    [[4, 16, 16, 8], [0, 1, 2], false],
    [[4, 16, 16, 8], [1, 2], true],
    [[4, 16, 16, 8], [1, 2], false],
    [[3, 7, 9, 5], [1], false],
    [[3, 7, 9, 5], [0], true],
    [[2, 3, 4, 5, 6], [1, 2, 3], false],
    [[3, 7, 9, 5], [3], false],
    [[3, 7, 9, 5], [2, 3], true],
    [[3, 7, 9, 5], [0, 2], false],
    [[3, 7, 9, 5], undefined, false],
    [[3, 7, 9, 5], [-3, -2], true],
    [[64, 64, 64, 2], [0, 1, 2], false],
  ];
  for (const [shape, axes, keepDims] of cases) {
    it(`x ${shape.join('x')} over ${axes ? axes.join(',') : 'all'}${keepDims ? ' (keepDims)' : ''}`, async () => {
      const x = () => randomTensor(shape, 41);
      await expectWasmMatchesCpu(() => [tf.sum(x(), axes, keepDims), tf.mean(x(), axes, keepDims)]);
      await expectNoWasmLeak(() => tf.tidy(() => tf.sum(x(), axes, keepDims)));
      await expectNoWasmLeak(() => tf.tidy(() => tf.mean(x(), axes, keepDims)));
    });
  }

  it('leaves int32 sums to the stock kernel', async () => {
    await expectWasmMatchesCpu(() => tf.cast(tf.sum(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2], 'int32'), [0, 1]), 'float32'));
  });
});

describe('Identity and same-dtype Cast', () => {
  it('share the input buffer, and the values survive disposing the input', async () => {
    await tf.setBackend('wasm');
    const x = randomTensor([3, 5], 51);
    const expected = Float32Array.from(x.dataSync() as Float32Array);
    const buffers = tf.backend().numDataIds();
    const copies = [tf.clone(x), tf.cast(x, 'float32')];
    expect(tf.backend().numDataIds()).toBe(buffers);
    x.dispose();
    for (const c of copies) expect(Array.from(c.dataSync())).toEqual(Array.from(expected));
    tf.dispose(copies);
    expect(tf.backend().numDataIds()).toBe(buffers - 1);
  });

  it('a cast to another dtype still converts', async () => {
    await expectWasmMatchesCpu(() => tf.cast(tf.cast(tf.tensor1d([-1.7, 0.2, 2.9]), 'int32'), 'float32'));
    await expectWasmMatchesCpu(() => tf.cast(tf.cast(tf.tensor1d([0, 0.5, -3]), 'bool'), 'float32'));
  });
});

describe('gradients through tf.grads', () => {
  const gradCases = [at(ODD_CASES, 0), at(ODD_CASES, 4), at(ODD_CASES, 10), at(MODEL_CASES, 0), at(MODEL_CASES, 3)];
  for (const c of gradCases) {
    it(`conv2d ${c.name}: d/dx and d/dfilter`, async () => {
      const outShape = convOutShape(c);
      await expectWasmMatchesCpu(() => {
        const r = randomTensor(outShape, 43);
        const f = (x: tf.Tensor, w: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad as 'same'), r));
        return tf.grads(f)([randomTensor(c.x, 41), randomTensor(c.filter, 42)]);
      });
    });
    it(`conv2dTranspose ${c.name}: d/dinput and d/dfilter`, async () => {
      // conv2dTranspose maps the conv's output shape back to its input shape.
      const outShape = convOutShape(c);
      await expectWasmMatchesCpu(() => {
        const r = randomTensor(c.x, 53);
        const f = (y: tf.Tensor, w: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2dTranspose(y as tf.Tensor4D, w as tf.Tensor4D, c.x, c.strides, c.pad as 'same'), r));
        return tf.grads(f)([randomTensor(outShape, 51), randomTensor(c.filter, 52)]);
      });
    });
  }
});

describe('logSumExp', () => {
  /** Reference log-sum-exp of x [A, B, C] over axis 1, and its gradient, in float64. */
  function reference(x: Float32Array, [A, B, C]: readonly [number, number, number]): { value: Float64Array; softmax: Float64Array } {
    const value = new Float64Array(A * C);
    const softmax = new Float64Array(A * B * C);
    for (let a = 0; a < A; a++) {
      for (let c = 0; c < C; c++) {
        let m = -Infinity;
        for (let b = 0; b < B; b++) m = Math.max(m, x[(a * B + b) * C + c]!);
        let s = 0;
        for (let b = 0; b < B; b++) s += Math.exp(x[(a * B + b) * C + c]! - m);
        const lse = m + Math.log(s);
        value[a * C + c] = lse;
        for (let b = 0; b < B; b++) softmax[(a * B + b) * C + c] = Math.exp(x[(a * B + b) * C + c]! - lse);
      }
    }
    return { value, softmax };
  }

  const shape: [number, number, number] = [5, 6, 4];
  const size = 5 * 6 * 4;
  // Spread values (up to ±40) so a naive exp-sum would lose precision.
  const xValues = randomValues(size, 61).map((v) => v * 40);
  const dyValues = randomValues(5 * 4, 62);

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`value and gradient match float64 and finite differences on ${backend}`, async () => {
      const outs = await valuesOn(backend, () => {
        const x = tf.tensor(xValues, shape);
        const dy = tf.tensor(dyValues, [5, 4]);
        const f = (t: tf.Tensor) => tf.sum(tf.mul(logSumExp(t, 1), dy));
        return [logSumExp(x, 1), tf.grad(f)(x)];
      });
      const value = at(outs, 0);
      const grad = at(outs, 1);
      const ref = reference(xValues, shape);
      expect(relativeError(value, Float32Array.from(ref.value))).toBeLessThan(1e-6);
      const expectedGrad = new Float32Array(size);
      for (let i = 0; i < size; i++) {
        const a = Math.floor(i / 24);
        const c = i % 4;
        expectedGrad[i] = ref.softmax[i]! * dyValues[a * 4 + c]!;
      }
      expect(relativeError(grad, expectedGrad)).toBeLessThan(1e-5);

      // Central differences of the float64 objective sum(lse(x) * dy) at a few entries.
      const objective = (xs: Float32Array) => {
        const v = reference(xs, shape).value;
        return v.reduce((s, vi, j) => s + vi * dyValues[j]!, 0);
      };
      for (const i of [0, 7, 33, 100, size - 1]) {
        const eps = 1e-3;
        const plus = Float32Array.from(xValues);
        const minus = Float32Array.from(xValues);
        plus[i] = at(plus, i) + eps;
        minus[i] = at(minus, i) - eps;
        const numeric = (objective(plus) - objective(minus)) / (at(plus, i) - at(minus, i));
        expect(Math.abs(at(grad, i) - numeric)).toBeLessThan(1e-4);
      }
    });
  }

  it('matches tf.logSumExp (value and autodiff gradient) with several axes and keepDims', async () => {
    for (const [axis, keepDims] of [[[0, 2], false], [2, true], [-1, false]] as const) {
      await expectWasmMatchesCpu(() => {
        const x = tf.tensor(xValues, shape);
        const ours = (t: tf.Tensor) => tf.sum(tf.square(logSumExp(t, axis as number | number[], keepDims)));
        const stock = (t: tf.Tensor) => tf.sum(tf.square(tf.logSumExp(t, axis as number | number[], keepDims)));
        const diff = tf.sub(tf.grad(ours)(x), tf.grad(stock)(x));
        const valueDiff = tf.sub(
          logSumExp(x, axis as number | number[], keepDims),
          tf.logSumExp(x, axis as number | number[], keepDims));
        // Both differences are ~0; compare against a reference scale through the sum.
        return [tf.add(tf.grad(stock)(x), diff), tf.add(tf.logSumExp(x, axis as number | number[], keepDims), valueDiff)];
      });
    }
  });

  it('is -Infinity for an all -Infinity slice and ignores -Infinity entries otherwise', async () => {
    const value = at(await valuesOn('wasm', () =>
      logSumExp(tf.tensor2d([[-Infinity, -Infinity], [0, -Infinity]]), 1)), 0);
    expect(value[0]).toBe(-Infinity);
    expect(value[1]).toBeCloseTo(0, 6);
  });
});

describe('training on wasm', () => {
  it('a tiny conv VAE step (Adam minimize in tidy) keeps the tensor and buffer counts constant', async () => {
    await tf.setBackend('wasm');
    const B = 4;
    const v = (shape: number[], seed: number) => tf.variable(tf.mul(randomTensor(shape, seed), 0.3));
    const params = {
      conv1: v([4, 4, 1, 4], 71), // 8x8x1 -> 4x4x4
      conv2: v([2, 2, 4, 8], 72), // 4x4x4 -> 2x2x8
      enc: v([32, 6], 73), // -> mu, logvar (3 latents)
      dec: v([3, 32], 74),
      deconv1: v([2, 2, 4, 8], 75), // 2x2x8 -> 4x4x4
      deconv2: v([4, 4, 1, 4], 76), // 4x4x4 -> 8x8x1 logits
    };
    const x = tf.tidy(() => tf.cast(tf.greater(randomTensor([B, 8, 8, 1], 77), 0.2), 'float32'));
    const noise = randomTensor([B, 3], 78);
    const optimizer = tf.train.adam(1e-2);

    const loss = (): tf.Scalar => {
      const h1 = tf.relu(tf.conv2d(x as tf.Tensor4D, params.conv1 as tf.Tensor4D, 2, 'same'));
      const h2 = tf.relu(tf.conv2d(h1, params.conv2 as tf.Tensor4D, 2, 'same'));
      const stats = tf.matMul(tf.reshape(h2, [B, 32]), params.enc);
      const mu = tf.slice(stats, [0, 0], [B, 3]);
      const logvar = tf.slice(stats, [0, 3], [B, 3]);
      const c = tf.add(mu, tf.mul(noise, tf.exp(tf.mul(logvar, 0.5))));
      const d1 = tf.reshape(tf.relu(tf.matMul(c, params.dec)), [B, 2, 2, 8]);
      const d2 = tf.relu(tf.conv2dTranspose(d1 as tf.Tensor4D, params.deconv1 as tf.Tensor4D, [B, 4, 4, 4], 2, 'same'));
      const logits = tf.conv2dTranspose(d2, params.deconv2 as tf.Tensor4D, [B, 8, 8, 1], 2, 'same');
      // Bernoulli NLL with logits l: max(l, 0) - l*x + log(1 + exp(-|l|)), summed per image.
      const bce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
      const recon = tf.div(tf.sum(bce), B);
      // A TC-like term through logSumExp over a [B, B, D] tensor of pairwise log densities.
      const diff = tf.sub(tf.expandDims(c, 1), tf.expandDims(mu, 0));
      const mat = tf.mul(-0.5, tf.add(tf.expandDims(logvar, 0), tf.div(tf.square(diff), tf.exp(tf.expandDims(logvar, 0)))));
      const tc = tf.mean(tf.sub(logSumExp(tf.sum(mat, 2), 1), tf.sum(logSumExp(mat, 1), 1)));
      return tf.add(recon, tf.mul(5, tc)) as tf.Scalar;
    };

    const step = (): number => {
      const value = tf.tidy(() => {
        const l = optimizer.minimize(loss, true);
        if (l == null) throw new Error('minimize returned no loss');
        return l;
      });
      const n = at(value.dataSync(), 0);
      value.dispose();
      return n;
    };

    const first = step(); // creates Adam's slots
    const tensors = tf.memory().numTensors;
    const buffers = tf.backend().numDataIds();
    let last = first;
    for (let i = 0; i < 20; i++) last = step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
    expect(Number.isFinite(last)).toBe(true);
    expect(last).toBeLessThan(first);

    optimizer.dispose();
    tf.dispose([x, noise, ...Object.values(params)]);
  });
});
