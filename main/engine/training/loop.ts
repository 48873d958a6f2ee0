import { ProgressMeter } from '../progress-meter';
import type { StepResult } from './steps';

/**
 * The training loop both model kinds share: one global step counter across stages, progress
 * at most every 100 ms (terms read from the device only then), previews and checkpoints on
 * their cadence and at every stage boundary, and a checkpoint on cancel so nothing is lost.
 */
export interface LoopProgress<S extends string> {
  readonly step: number;
  readonly totalSteps: number;
  readonly stage: S;
  readonly losses: Readonly<Record<string, number>>;
  readonly stepsPerSec: number;
  readonly etaSec: number | null;
}

export interface LoopOptions<S extends string> {
  /** Steps already done (resumed from a checkpoint). */
  readonly startStep: number;
  /** Stage names with their step counts, in order. */
  readonly stages: readonly { readonly name: S; readonly steps: number }[];
  /** Runs one step of `stage` at global step `step`; the loop disposes the result. */
  readonly runStep: (stage: S, step: number) => Promise<StepResult>;
  readonly checkpointEvery: number;
  readonly previewEvery?: number;
  readonly checkpoint: (step: number) => Promise<void>;
  readonly preview?: (step: number, stage: S) => Promise<void>;
  readonly onProgress: (progress: LoopProgress<S>) => void;
  readonly isCancelled: () => boolean;
  readonly yieldToEvents: () => Promise<void>;
}

export interface LoopOutcome {
  readonly step: number;
  readonly cancelled: boolean;
  readonly lastLosses: Readonly<Record<string, number>>;
}

export async function runTrainingLoop<S extends string>(options: LoopOptions<S>): Promise<LoopOutcome> {
  const boundaries: number[] = [];
  let sum = 0;
  for (const stage of options.stages) boundaries.push((sum += stage.steps));
  const total = sum;
  const stageAt = (step: number): S => {
    const index = boundaries.findIndex((end) => step < end);
    const stage = options.stages[index === -1 ? options.stages.length - 1 : index];
    if (!stage) throw new Error('no training stage');
    return stage.name;
  };
  const meter = new ProgressMeter(total);
  let step = options.startStep;
  let lastLosses: Record<string, number> = {};
  while (step < total && !options.isCancelled()) {
    const stage = stageAt(step);
    const result = await options.runStep(stage, step);
    step++;
    const boundary = boundaries.includes(step);
    const report = meter.update(step, {}, boundary);
    if (report) {
      const values = await result.values.data();
      lastLosses = Object.fromEntries(result.names.map((name, i) => [name, values[i] ?? Number.NaN]));
      options.onProgress({ ...report, stage, losses: lastLosses });
    }
    result.values.dispose();
    if (options.preview && options.previewEvery && (step % options.previewEvery === 0 || boundary)) await options.preview(step, stage);
    if (step % options.checkpointEvery === 0 || boundary) await options.checkpoint(step);
    await options.yieldToEvents();
  }
  const cancelled = step < total;
  if (cancelled && step > options.startStep) await options.checkpoint(step);
  return { step, cancelled, lastLosses };
}
