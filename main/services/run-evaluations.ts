import type { RunSummary } from '../../shared/models';
import type { Store } from '../store';
import type { EventBus } from './event-bus';

/** Computes a run's eval.* metrics and stores them (InspectService.evaluate). */
export type Evaluate = (runId: string) => Promise<Record<string, number>>;

/**
 * The final metrics of model runs: computed on their own once a run completes, so the metrics
 * panel has them without a click, and on request (runs.evaluate). A request for a run whose
 * evaluation is already under way shares it. Each evaluation that stores metrics is announced
 * with 'run.updated', so every open view reloads them. After close() nothing new starts and
 * nothing is announced; a failed automatic evaluation is logged and left for the user to retry.
 */
export class RunEvaluations {
  private readonly inFlight = new Map<string, Promise<Record<string, number>>>();
  private closed = false;

  constructor(
    private readonly evaluateRun: Evaluate,
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Called with each completed model run (RunService.onModelCompleted: never a backend check): evaluates it in the background. */
  afterCompleted(run: RunSummary): void {
    if (this.closed) return;
    this.evaluate(run.id).catch((error: unknown) => {
      // Closing the app or deleting the run ends its evaluation: nothing to report then.
      if (this.closed || !this.store.runs.get(run.id)) return;
      this.log(`Could not compute the final metrics of run ${run.id}: ${(error as Error).message}`);
    });
  }

  /** Evaluates a run now, or joins its evaluation in flight; resolves with the eval.* metrics. */
  evaluate(runId: string): Promise<Record<string, number>> {
    const running = this.inFlight.get(runId);
    if (running) return running;
    // A synchronous throw becomes a rejection too.
    const evaluation = new Promise<Record<string, number>>((resolve) => resolve(this.evaluateRun(runId)))
      .then((metrics) => {
        const run = this.closed ? undefined : this.store.runs.get(runId);
        if (run) this.bus.emit('run.updated', run);
        return metrics;
      })
      .finally(() => this.inFlight.delete(runId));
    this.inFlight.set(runId, evaluation);
    return evaluation;
  }

  /** Whether an evaluation is under way (for tests and shutdown). */
  isBusy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Stops starting evaluations; the job runners' shutdown ends the ones under way. */
  close(): void {
    this.closed = true;
  }
}
