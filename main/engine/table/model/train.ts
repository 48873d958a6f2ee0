import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync } from 'node:fs';
import type { EarlyStop } from '../../../../shared/job-outputs';
import type { Progress } from '../../../../shared/progress';
import type { TabularModelConfig } from '../../../../shared/tabular-config';
import { generatedBy, resumeFromLatest, saveCheckpoint, tabularCheckpointFormat } from '../../core/checkpoint';
import { runTrainingLoop, type LoopOutcome } from '../../core/training-loop';
import { TabularMsVae } from './model';
import { RowBatches } from './row-batches';
import type { SpanLayout } from './span-layout';
import { WeightSnapshot } from '../../core/nn/weight-snapshot';
import { createTabularOptimizers, tabularStage1Step, tabularStage2Step, tabularValidationLoss, type TabularStep } from './steps';

export type TabularStage = 'stage1' | 'stage2';

/** Rows never trained on that early stopping judges each stage by: encoded [rows, width]. */
export interface ValidationRows {
  readonly rows: Float32Array;
  readonly n: number;
}

/** A stage that ended early: validation loss stopped improving after bestStep (declared in shared/: it is part of the job's output). */
export type { EarlyStop };

export interface TabularTrainCallbacks {
  /** The shared progress shape; its phase is the stage being trained. */
  onProgress(progress: Progress): void;
  onCheckpoint?(step: number, dir: string): void;
  onEarlyStop?(stop: EarlyStop): void;
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
  validation?: ValidationRows,
): Promise<LoopOutcome & { resumedFrom: number; earlyStops: EarlyStop[] }> {
  mkdirSync(runDir, { recursive: true });
  const model = new TabularMsVae(config, layout);
  const optimizers = createTabularOptimizers(config);
  const batches = new RowBatches(rows, n, layout.width, Math.min(config.batch, n), config.seed);
  const best = { stage1: new WeightSnapshot(model.stage1), stage2: new WeightSnapshot(model.stage2) };
  const validationX = validation && validation.n > 0 && config.patience > 0 ? tf.tensor2d(validation.rows, [validation.n, layout.width]) : null;
  const earlyStops: EarlyStop[] = [];
  try {
    const startStep = await resumeFromLatest(runDir, model.paramSets(), optimizers);
    const stage1Opt = optimizers['stage1'];
    const stage2Opt = optimizers['stage2'];
    if (!stage1Opt || !stage2Opt) throw new Error('missing optimizer');
    const steps: Record<TabularStage, TabularStep> = {
      stage1: tabularStage1Step(model, config, n, stage1Opt),
      stage2: tabularStage2Step(model, config, n, stage2Opt),
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
      ...(validationX
        ? {
            earlyStop: {
              every: config.validateEvery,
              patience: config.patience,
              evaluate: (stage: TabularStage) => tabularValidationLoss(model, config, stage === 'stage1' ? 1 : 2, validationX, config.seed + 0x5a1d, n),
              keepBest: (stage: TabularStage) => best[stage].keep(),
              restoreBest: (stage: TabularStage) => best[stage].restore(),
              onStopped: (stage: TabularStage, step: number, bestStep: number, bestLoss: number) => {
                const stop = { stage, step, bestStep, bestLoss };
                earlyStops.push(stop);
                callbacks.onEarlyStop?.(stop);
              },
            },
          }
        : {}),
    });
    return { ...outcome, resumedFrom: startStep, earlyStops };
  } finally {
    validationX?.dispose();
    best.stage1.dispose();
    best.stage2.dispose();
    for (const optimizer of Object.values(optimizers)) optimizer.dispose();
    model.dispose();
  }
}
