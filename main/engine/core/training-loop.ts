import type { Progress } from '../../../shared/progress';
import { ProgressMeter } from './progress-meter';
import type { StepResult } from './train-step';

/**
 * The training loop both model kinds share: one global step counter across stages, progress
 * at most every 100 ms (terms read from the device only then), previews and checkpoints on
 * their cadence and at every stage boundary, and a checkpoint on cancel so nothing is lost.
 * Its progress is the shared Progress with the stage as the phase.
 */
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
  readonly onProgress: (progress: Progress) => void;
  readonly isCancelled: () => boolean;
  readonly yieldToEvents: () => Promise<void>;
  readonly earlyStop?: EarlyStopping<S>;
}

/**
 * Early stopping on held-out rows: every `every` steps a stage's validation loss is checked;
 * the best weights are kept; after `patience` checks without improvement the stage ends with
 * its best weights back (the step jumps to the stage's end). At a stage's natural end the
 * best weights are put back too.
 */
export interface EarlyStopping<S extends string> {
  readonly every: number;
  readonly patience: number;
  /** Validation loss of `stage`'s model now (lower is better); async: webgpu reads back only so. */
  evaluate(stage: S): number | Promise<number>;
  keepBest(stage: S): void;
  restoreBest(stage: S): void;
  /** Tells the caller a stage stopped early at `step`, its best weights being those of `bestStep`. */
  onStopped?(stage: S, step: number, bestStep: number, bestLoss: number): void;
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
  const watch = options.earlyStop ? new ValidationWatch(options.earlyStop) : null;
  while (step < total && !options.isCancelled()) {
    const stage = stageAt(step);
    const result = await options.runStep(stage, step);
    step++;
    let boundary = boundaries.includes(step);
    if (watch && (step % watch.every === 0 || boundary)) {
      const end = boundaries.find((b) => step <= b) ?? total;
      if (await watch.check(stage, step, boundary)) {
        step = end;
        boundary = true;
      }
    }
    const report = meter.update(step, {}, boundary);
    if (report) {
      const values = await result.values.data();
      lastLosses = Object.fromEntries(result.names.map((name, i) => [name, values[i] ?? Number.NaN]));
      options.onProgress({ ...report, phase: stage, losses: lastLosses });
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

/** The early-stopping bookkeeping of one loop: the best validation loss per stage and checks since. */
class ValidationWatch<S extends string> {
  private readonly best = new Map<S, { loss: number; step: number; stale: number }>();
  readonly every: number;

  constructor(private readonly options: EarlyStopping<S>) {
    this.every = Math.max(1, options.every);
  }

  /** Checks `stage` at `step`; true when the stage should end now (best weights restored). */
  async check(stage: S, step: number, atEnd: boolean): Promise<boolean> {
    const value = await this.options.evaluate(stage);
    const loss = Number.isFinite(value) ? value : Infinity;
    const best = this.best.get(stage);
    if (!best || loss < best.loss) {
      this.best.set(stage, { loss, step, stale: 0 });
      this.options.keepBest(stage);
      return false;
    }
    best.stale += 1;
    if (atEnd || best.stale >= this.options.patience) {
      this.options.restoreBest(stage);
      if (!atEnd) this.options.onStopped?.(stage, step, best.step, best.loss);
      return !atEnd;
    }
    return false;
  }
}
