import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync } from 'node:fs';
import type { TabularModelConfig } from '../../../shared/tabular-config';
import { resumeFromLatest, saveCheckpoint, tabularCheckpointFormat } from '../training/checkpoint';
import { runTrainingLoop, type LoopOutcome, type LoopProgress } from '../training/loop';
import { generatedBy } from '../training/train-image';
import { TabularMsVae } from './model';
import { RowBatches } from './row-batches';
import type { SpanLayout } from './spans';
import { createTabularOptimizers, tabularStage1Step, tabularStage2GmmStep, tabularStage2VaeStep, type TabularStep } from './steps';

export type TabularStage = 'stage1' | 'stage2';

export interface TabularTrainCallbacks {
  onProgress(progress: LoopProgress<TabularStage>): void;
  onCheckpoint?(step: number, dir: string): void;
  isCancelled(): boolean;
  yieldToEvents(): Promise<void>;
}

/** Trains both tabular stages on encoded rows [n, layout.width], resuming from runDir's last checkpoint. */
export async function trainTabularModel(
  config: TabularModelConfig,
  layout: SpanLayout,
  rows: Float32Array,
  n: number,
  runDir: string,
  callbacks: TabularTrainCallbacks,
): Promise<LoopOutcome & { resumedFrom: number }> {
  if (config.stage2 === 'flow') throw new Error('The coupling-flow stage 2 is not available yet: use --stage2 vae or gmm');
  mkdirSync(runDir, { recursive: true });
  const model = new TabularMsVae(config, layout);
  const optimizers = createTabularOptimizers(config);
  const batches = new RowBatches(rows, n, layout.width, Math.min(config.batch, n), config.seed);
  try {
    const startStep = await resumeFromLatest(runDir, model.paramSets(), optimizers);
    const stage1Opt = optimizers['stage1'];
    const stage2Opt = optimizers['stage2'];
    if (!stage1Opt || !stage2Opt) throw new Error('missing optimizer');
    const steps: Record<TabularStage, TabularStep> = {
      stage1: tabularStage1Step(model, config, n, stage1Opt),
      stage2: config.stage2 === 'gmm' ? tabularStage2GmmStep(model, config, stage2Opt) : tabularStage2VaeStep(model, config, stage2Opt),
    };
    const batchRows = Math.min(config.batch, n);
    const outcome = await runTrainingLoop<TabularStage>({
      startStep,
      stages: [
        { name: 'stage1', steps: config.stage1Steps },
        { name: 'stage2', steps: config.stage2Steps },
      ],
      runStep: async (stage, step) => {
        const x = tf.tensor2d(batches.batch(step), [batchRows, layout.width]);
        try {
          return steps[stage](x, step);
        } finally {
          x.dispose();
        }
      },
      checkpointEvery: config.checkpointEvery,
      checkpoint: async (step) => {
        const dir = await saveCheckpoint(runDir, config, model.paramSets(), optimizers, { step, savedAt: Date.now() }, generatedBy, tabularCheckpointFormat);
        callbacks.onCheckpoint?.(step, dir);
      },
      onProgress: callbacks.onProgress,
      isCancelled: callbacks.isCancelled,
      yieldToEvents: callbacks.yieldToEvents,
    });
    return { ...outcome, resumedFrom: startStep };
  } finally {
    for (const optimizer of Object.values(optimizers)) optimizer.dispose();
    model.dispose();
  }
}
