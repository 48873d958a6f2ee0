import type { BackendReport, JobProgress } from '../../../shared/compute-protocol';

/** What a training job sees of the process it runs in. */
export interface JobContext {
  onProgress(progress: JobProgress): void;
  isCancelled(): boolean;
  /** Lets the process read its messages (cancel) between steps; cheap when called often. */
  yieldToEvents(): Promise<void>;
}

export interface JobCallbacks {
  onBackend(backend: BackendReport): void;
  onProgress(progress: JobProgress): void;
  onPreview?(step: number, png: Uint8Array): void;
  onCheckpoint?(step: number, dir: string): void;
  isCancelled(): boolean;
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
