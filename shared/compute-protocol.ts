/**
 * Messages between the main process (JobRunner) and the compute process (main/jobs/worker.ts).
 * The same messages flow over Electron's utilityProcess port and over child_process IPC.
 */

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export const backendLadder: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface BackendReport {
  readonly name: BackendName;
  /** Why each backend above the chosen one was skipped, for the log and the UI. */
  readonly skipped: readonly { readonly name: BackendName; readonly reason: string }[];
  readonly initMs: number;
}

/** The tiny model that proves the compute path: fits a small MLP to a known curve. */
export interface CheckJobSpec {
  readonly kind: 'check';
  readonly steps: number;
  readonly seed: number;
  /** Force a backend instead of taking the first that loads. */
  readonly backend?: BackendName;
}

export type JobSpec = CheckJobSpec;

export interface JobProgress {
  readonly step: number;
  readonly totalSteps: number;
  readonly losses: Readonly<Record<string, number>>;
  readonly stepsPerSec: number;
  readonly etaSec: number | null;
}

export interface JobResult {
  readonly step: number;
  readonly metrics: Readonly<Record<string, number>>;
}

export type ToWorker =
  | { readonly type: 'start'; readonly jobId: string; readonly spec: JobSpec }
  | { readonly type: 'cancel'; readonly jobId: string };

export type FromWorker =
  | { readonly type: 'backend'; readonly jobId: string; readonly backend: BackendReport }
  | { readonly type: 'progress'; readonly jobId: string; readonly progress: JobProgress }
  | { readonly type: 'done'; readonly jobId: string; readonly result: JobResult }
  | { readonly type: 'cancelled'; readonly jobId: string; readonly step: number }
  | { readonly type: 'failed'; readonly jobId: string; readonly message: string };

export function isFromWorker(value: unknown): value is FromWorker {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; jobId?: unknown };
  return (
    typeof v.jobId === 'string' &&
    (v.type === 'backend' || v.type === 'progress' || v.type === 'done' || v.type === 'cancelled' || v.type === 'failed')
  );
}
