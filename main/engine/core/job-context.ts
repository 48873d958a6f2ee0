import type { BackendReport, JobKind, JobOutputOf, JobResult } from '../../../shared/compute-protocol';
import type { Progress } from '../../../shared/progress';

/** What a training job sees of the process it runs in. */
export interface JobContext {
  onProgress(progress: Progress): void;
  isCancelled(): boolean;
  /** Lets the process read its messages (cancel) between steps; cheap when called often. */
  yieldToEvents(): Promise<void>;
}

export interface JobCallbacks {
  onBackend(backend: BackendReport): void;
  onProgress(progress: Progress): void;
  onPreview?(step: number, png: Uint8Array): void;
  onCheckpoint?(step: number, dir: string): void;
  isCancelled(): boolean;
}

/**
 * How a task ends: completed with its kind's result, or cancelled at a step. A cancelled
 * training run still says where it got to (its output), other tasks have nothing to hand back.
 */
export type TaskOutcome<K extends JobKind> =
  | { readonly cancelled: false; readonly result: JobResult<K> }
  | { readonly cancelled: true; readonly result: { readonly step: number; readonly metrics: Readonly<Record<string, number>>; readonly output?: JobOutputOf<K> } };

/** The outcome of a task that runs to its end once started (it has no cancel point). */
export type Completed<K extends JobKind> = Extract<TaskOutcome<K>, { readonly cancelled: false }>;

/** A cancelled task's outcome at `step`, with nothing to hand back. */
export function cancelledAt(step: number): { readonly cancelled: true; readonly result: { readonly step: number; readonly metrics: Readonly<Record<string, number>> } } {
  return { cancelled: true, result: { step, metrics: {} } };
}

/** Yields to the event loop at most every `everyMs`, so a fast loop still hears cancel. */
export function eventYielder(everyMs = 20): () => Promise<void> {
  let last = performance.now();
  return async () => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
}
