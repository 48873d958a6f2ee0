/**
 * The ladder and webgpu's software adapter: SwiftShader (here and in CI) is never chosen on its
 * own, only when webgpu is asked for by name; a webgpu run trains on one thread.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../../main/engine/core/backend';
import { trainingThreads } from '../../../main/engine/image/training/train-image';
import { startWebGpu } from './helpers';

const { report, reason } = await startWebGpu();

describe.skipIf(report == null)(`the ladder with a software WebGPU adapter${report == null ? ` (skipped: ${reason})` : ''}`, () => {
  it('skips the software adapter on its own, saying why, and lands lower on the ladder', async () => {
    const chosen = await selectBackend();
    expect(chosen.name).not.toBe('webgpu');
    expect(chosen.adapter).toBeUndefined();
    const skipped = chosen.skipped.find((s) => s.name === 'webgpu');
    expect(skipped?.reason).toMatch(/only a software adapter: google swiftshader .*; choose webgpu to use it anyway/);
  });

  it('uses it when forced, reports the adapter, and trains on one thread there', async () => {
    const forced = await selectBackend('webgpu');
    expect(forced.name).toBe('webgpu');
    expect(forced.adapter).toMatchObject({ vendor: 'google', architecture: 'swiftshader', software: true });
    expect(tf.getBackend()).toBe('webgpu');
    expect(trainingThreads({ threads: 0 })).toBe(1);
    expect(trainingThreads({ threads: 4 })).toBe(1);
    await selectBackend('cpu');
  });
});
