import type { Progress } from '../../../shared/progress';

/**
 * Turns a stream of finished steps into progress reports: steps per second over a sliding
 * window, ETA, and at most one report per interval so the channel is never flooded.
 */
export class ProgressMeter {
  private readonly window: { step: number; time: number }[] = [];
  private lastReport = -Infinity;

  constructor(
    private readonly totalSteps: number,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Returns a report when one is due (or `force`), else null. */
  update(step: number, losses: Record<string, number>, force = false): Progress | null {
    const time = this.now();
    this.window.push({ step, time });
    while (this.window.length > 2 && time - (this.window[0]?.time ?? time) > 3000) this.window.shift();
    if (!force && time - this.lastReport < this.intervalMs) return null;
    this.lastReport = time;
    const first = this.window[0];
    const elapsed = first ? (time - first.time) / 1000 : 0;
    const stepsPerSec = first && elapsed > 0 ? (step - first.step) / elapsed : 0;
    const etaSec = stepsPerSec > 0 ? (this.totalSteps - step) / stepsPerSec : null;
    return { step, totalSteps: this.totalSteps, losses, stepsPerSec, etaSec };
  }
}
