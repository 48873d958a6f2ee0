import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTrainingLoop } from '../../../../main/engine/core/training-loop';
import { useWasm } from './helpers';

/** Runs the real loop over two stages whose "validation loss" follows a script, recording what it did. */
async function loopWith(validation: Record<'a' | 'b', (step: number) => number>, patience: number) {
  const ran: { stage: string; step: number }[] = [];
  const events: string[] = [];
  const checkpoints: number[] = [];
  let current = 0;
  const outcome = await runTrainingLoop<'a' | 'b'>({
    startStep: 0,
    stages: [
      { name: 'a', steps: 100 },
      { name: 'b', steps: 50 },
    ],
    runStep: async (stage, step) => {
      ran.push({ stage, step });
      current = step + 1;
      return { values: tf.tensor1d([1]), names: ['loss'] };
    },
    checkpointEvery: 1000,
    checkpoint: async (step) => {
      checkpoints.push(step);
    },
    onProgress: () => {},
    isCancelled: () => false,
    yieldToEvents: async () => {},
    earlyStop: {
      every: 10,
      patience,
      evaluate: (stage) => validation[stage](current),
      keepBest: (stage) => events.push(`keep ${stage} ${current}`),
      restoreBest: (stage) => events.push(`restore ${stage} ${current}`),
      onStopped: (stage, step, bestStep) => events.push(`stopped ${stage} at ${step}, best ${bestStep}`),
    },
  });
  return { outcome, ran, events, checkpoints };
}

describe('early stopping in the training loop', () => {
  beforeAll(async () => {
    await useWasm();
  });

  it('ends a stage after `patience` checks without improvement, with its best weights back, and goes on to the next stage', async () => {
    // Stage a improves until step 30, then gets worse; stage b keeps improving.
    const { outcome, ran, events, checkpoints } = await loopWith({ a: (s) => Math.abs(s - 30), b: (s) => 1000 - s }, 3);
    expect(ran.filter((r) => r.stage === 'a').map((r) => r.step).at(-1)).toBe(59);
    expect(events).toContain('stopped a at 60, best 30');
    expect(events.indexOf('restore a 60')).toBeGreaterThan(events.indexOf('keep a 30'));
    expect(events.filter((e) => e.startsWith('keep a'))).toEqual(['keep a 10', 'keep a 20', 'keep a 30']);
    // Stage b runs in full from the stage boundary, and the run ends at its full length.
    expect(ran.filter((r) => r.stage === 'b').map((r) => r.step)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
    expect(outcome).toMatchObject({ step: 150, cancelled: false });
    expect(checkpoints).toEqual([100, 150]);
  });

  it('restores the best weights at a stage\'s natural end when the last checks were worse, and never stops a stage that keeps improving', async () => {
    const { ran, events } = await loopWith({ a: (s) => 1000 - s, b: (s) => (s <= 120 ? 200 - s : s) }, 10);
    expect(ran).toHaveLength(150);
    expect(events.some((e) => e.startsWith('restore a'))).toBe(false);
    expect(events).toContain('restore b 150');
    expect(events.some((e) => e.startsWith('stopped'))).toBe(false);
  });
});
