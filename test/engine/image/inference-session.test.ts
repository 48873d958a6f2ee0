import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceRequest } from '../../../shared/compute-protocol';
import { InferenceSession } from '../../../main/engine/image/inference-session';
import { runImageInspect } from '../../../main/engine/tasks/inspect-image-model';
import { trainImageModel } from '../../../main/engine/image/training/train-image';
import { tempDirs } from '../../helpers/temp-dir';
import { quietCallbacks, tinyConfig, tinySource, useWasm } from './training/helpers';

const config = tinyConfig({ latents: 3, stage1Steps: 3, stage2Steps: 2, checkpointEvery: 5 });
const decode = (runDir: string, c = [0.5, -1, 0]): InferenceRequest => ({ runDir, request: { action: 'decode', c } });

describe('inference session (models held between requests, WASM backend)', () => {
  const dirs = tempDirs();
  let runA: string;
  let runB: string;
  beforeAll(async () => {
    await useWasm();
    runA = dirs.make();
    runB = dirs.make();
    await trainImageModel(config, tinySource(), runA, quietCallbacks());
    await trainImageModel(tinyConfig({ latents: 2, stage1Steps: 2, stage2Steps: 0 }), tinySource(), runB, quietCallbacks());
  });
  afterAll(dirs.removeAll);

  it('answers as the one-shot job does, loads the model once, and leaves tf.memory().numTensors unchanged per request', async () => {
    const before = tf.memory().numTensors;
    const session = new InferenceSession();
    const oneShot = await runImageInspect({ kind: 'image-inspect', runDir: runA, request: decode(runA).request });
    const first = await session.run(decode(runA));
    expect(first).toEqual(oneShot.result);
    const held = tf.memory().numTensors;
    const requests: InferenceRequest[] = [
      decode(runA, [2, 0, -2]),
      { runDir: runA, request: { action: 'traversal', steps: 3, range: 2 } },
      { runDir: runA, request: { action: 'activity', samples: 16 } },
    ];
    for (let i = 0; i < 3; i++) {
      for (const request of requests) await session.run(request);
      expect(tf.memory().numTensors).toBe(held);
    }
    await expect(session.run(decode(runA, [0, 0]))).rejects.toThrow(/has 3 factors/);
    expect(tf.memory().numTensors).toBe(held);
    expect(session.loads).toBe(1);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reloads a run whose latest checkpoint changed, disposing the old model', async () => {
    const before = tf.memory().numTensors;
    const session = new InferenceSession();
    const a = await session.run(decode(runA));
    const withModel = tf.memory().numTensors;
    expect(withModel).toBeGreaterThan(before);
    // Training goes on (a resumed run): a new checkpoint, two steps later.
    await trainImageModel({ ...config, stage2Steps: 4 }, tinySource(), runA, quietCallbacks());
    const b = await session.run(decode(runA));
    expect(session.loads).toBe(2);
    expect(a.step).toBe(5);
    expect(b.step).toBe(7);
    expect(b.output).not.toEqual(a.output);
    expect(tf.memory().numTensors).toBe(withModel);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('holds at most `capacity` models, dropping the least recently used', async () => {
    const before = tf.memory().numTensors;
    const session = new InferenceSession(1);
    await session.run(decode(runA));
    await session.run(decode(runB, [1, 1]));
    expect(session.runDirs).toEqual([runB]);
    await session.run(decode(runA));
    expect(session.loads).toBe(3);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(new InferenceSession().run(decode(dirs.make()))).rejects.toThrow(/has no checkpoint/);
  });
});
