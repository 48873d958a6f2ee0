import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
export { randomTensor, randomValues } from '../../helpers/random-tensor';
import type { BackendReport } from '../../../shared/compute-protocol';
import { selectBackend } from '../../../main/engine/core/backend';
import { useSwiftShader } from '../../helpers/swiftshader';

export const TOLERANCE = 1e-4;

/**
 * Starts webgpu forced (SwiftShader here and in CI). Returns null with the reason when Dawn can
 * create no adapter at all, the only case in which the webgpu tests skip.
 */
export async function startWebGpu(): Promise<{ report: BackendReport | null; reason: string }> {
  useSwiftShader();
  try {
    const report = await selectBackend('webgpu');
    await selectBackend('cpu');
    return { report, reason: '' };
  } catch (error) {
    return { report: null, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs `build` on `backend` (inside tidy) and returns copies of its outputs' values. */
export async function valuesOn(backend: 'cpu' | 'webgpu', build: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(() => {
    const r = build();
    return Array.isArray(r) ? r : [r];
  });
  const values = await Promise.all(outs.map(async (t) => Float32Array.from((await t.data()) as Float32Array)));
  tf.dispose(outs);
  return values;
}

/** max |actual - expected| / max |expected|. */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / Math.max(scale, 1e-30);
}

/** Same computation on cpu and webgpu; every output finite, not all zero, and within TOLERANCE. */
export async function expectWebGpuMatchesCpu(build: () => tf.Tensor | tf.Tensor[], label = ''): Promise<void> {
  const expected = await valuesOn('cpu', build);
  const actual = await valuesOn('webgpu', build);
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(expected[i]!.every(Number.isFinite), `${label} output ${i} finite on cpu`).toBe(true);
    expect(expected[i]!.some((v) => v !== 0), `${label} output ${i} not all zero`).toBe(true);
    expect(relativeError(actual[i]!, expected[i]!), `${label} output ${i}`).toBeLessThan(TOLERANCE);
  }
}
