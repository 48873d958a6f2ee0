import type { ImageEvaluation } from './image-evaluation';
import type { ImageModelConfig } from './image-config';
import type {
  ExportOutput,
  ImageGenerateOutput,
  ImageInspectOutput,
  ImagesPreviewOutput,
  ImageTrainOutput,
  ImageTraverseOutput,
  TabularGenerateOutput,
  TabularTrainOutput,
} from './job-outputs';
import type { TabularInspection } from './models';
import type { Progress } from './progress';
import type { TabularReport } from './table-report';
import type { ColumnOverrideSpec, RowCondition, TabularModelConfig } from './tabular-config';
import type { TableSchema } from './tabular-schema';
import type { TradeOffPoint } from './trade-off';

/**
 * Messages between the main process (JobRunner) and the compute process (main/jobs/worker.ts).
 * The same messages flow over Electron's utilityProcess port and over child_process IPC.
 */

export type BackendName = 'tensorflow-gpu' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Fastest first. webgpu is taken on its own only on a hardware adapter (see engine/core/webgpu). */
export const backendLadder: readonly BackendName[] = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'];

/** The GPU a webgpu run computes on, as Dawn's adapter describes it. */
export interface AdapterReport {
  readonly vendor: string;
  readonly architecture: string;
  readonly description: string;
  /** A CPU emulation (SwiftShader or a fallback adapter): correct, never fast. */
  readonly software: boolean;
}

/** One line for the log, the CLI and the run: "nvidia ampere (NVIDIA GeForce RTX 3080)". */
export function describeAdapter(adapter: AdapterReport): string {
  const name = [adapter.vendor, adapter.architecture].filter((part) => part !== '').join(' ') || 'unknown adapter';
  const detail = adapter.description !== '' ? ` (${adapter.description})` : '';
  return `${name}${detail}${adapter.software ? ', software' : ''}`;
}

/** The backend with its adapter, if any: "webgpu on google swiftshader (...), software". */
export function describeBackend(backend: Pick<BackendReport, 'name' | 'adapter'>): string {
  return backend.adapter ? `${backend.name} on ${describeAdapter(backend.adapter)}` : backend.name;
}

export interface BackendReport {
  readonly name: BackendName;
  /** Why each backend above the chosen one was skipped, for the log and the UI. */
  readonly skipped: readonly { readonly name: BackendName; readonly reason: string }[];
  readonly initMs: number;
  /** The adapter, for webgpu. */
  readonly adapter?: AdapterReport;
}

/** The tiny model that proves the compute path: fits a small MLP to a known curve. */
export interface CheckJobSpec {
  readonly kind: 'check';
  readonly steps: number;
  readonly seed: number;
  /** Force a backend instead of taking the first that loads. */
  readonly backend?: BackendName;
}

/** Trains an image MS-VAE into runDir (resuming from its last checkpoint, if any). */
export interface ImageTrainJobSpec {
  readonly kind: 'image-train';
  readonly config: ImageModelConfig;
  readonly runDir: string;
  readonly backend?: BackendName;
}

/** Computes the evaluate metrics of a trained run. */
export interface ImageEvaluateJobSpec {
  readonly kind: 'image-evaluate';
  readonly runDir: string;
  /** Examples for reconstruction, disentanglement and sample-quality metrics. */
  readonly samples: number;
  readonly backend?: BackendName;
}

/** Writes n sampled images as PNG files into outDir, with factors optionally fixed. */
export interface ImageGenerateJobSpec {
  readonly kind: 'image-generate';
  readonly runDir: string;
  readonly n: number;
  /** Factor index -> value of c_k to hold fixed. */
  readonly fix: Readonly<Record<number, number>>;
  readonly seed: number;
  readonly outDir: string;
  readonly backend?: BackendName;
}

/** Writes a traversal grid PNG: rows = factors, columns = values; stage 1 beside stage 2. */
export interface ImageTraverseJobSpec {
  readonly kind: 'image-traverse';
  readonly runDir: string;
  readonly out: string;
  readonly steps: number;
  readonly range: number;
  readonly seed: number;
  readonly backend?: BackendName;
}

/** Trains a tabular MS-VAE on a CSV/JSON file into runDir. */
export interface TabularTrainJobSpec {
  readonly kind: 'tabular-train';
  readonly config: TabularModelConfig;
  readonly runDir: string;
  readonly overrides?: readonly ColumnOverrideSpec[];
  readonly backend?: BackendName;
}

/** Writes n synthetic rows (CSV, Parquet or JSON by the file's extension), under conditions. */
export interface TabularGenerateJobSpec {
  readonly kind: 'tabular-generate';
  readonly runDir: string;
  readonly n: number;
  readonly where: readonly RowCondition[];
  readonly fix: Readonly<Record<number, number>>;
  readonly seed: number;
  readonly out: string;
  /** Also write the dataset card (out + '.card.json' and '.card.md'). */
  readonly card?: boolean;
  readonly backend?: BackendName;
}

/** The quality report: stage-1 and stage-2 samples against the real training and hold-out rows. */
export interface TabularReportJobSpec {
  readonly kind: 'tabular-report';
  readonly runDir: string;
  readonly html?: string;
  readonly target?: string;
  readonly samples: number;
  readonly backend?: BackendName;
}

/** Reads a table's schema (types, roles, missing counts, issues), with the user's overrides applied. */
export interface TabularSchemaJobSpec {
  readonly kind: 'tabular-schema';
  readonly file: string;
  readonly overrides?: readonly ColumnOverrideSpec[];
  readonly backend?: BackendName;
}

/** What the factor inspector asks of a trained image model. */
export type ImageInspectRequest =
  | { readonly action: 'traversal'; readonly steps: number; readonly range: number }
  | { readonly action: 'decode'; readonly c: readonly number[] }
  /** Mean KL per factor of the stage-1 encoder over `samples` examples of the training data. */
  | { readonly action: 'activity'; readonly samples: number };

/** Quick looks at a trained image model: a traversal grid, or decoding given codes (factor sliders). */
export interface ImageInspectJobSpec {
  readonly kind: 'image-inspect';
  readonly runDir: string;
  readonly request: ImageInspectRequest;
  readonly backend?: BackendName;
}

/** The tabular inspector: per-factor column effects, real vs synthetic charts and correlations. */
export interface TabularModelInspectJobSpec {
  readonly kind: 'tabular-model-inspect';
  readonly runDir: string;
  /** Factor values -range, 0, +range. */
  readonly range: number;
  /** Synthetic rows per factor value, and for the charts. */
  readonly samples: number;
  readonly backend?: BackendName;
}

/** A look at image data before training: counts, skipped files and a few samples as PNG bytes. */
export interface ImagesPreviewJobSpec {
  readonly kind: 'images-preview';
  /** 'dsprites', 'mnist' or a checked folder path. */
  readonly data: string;
  readonly size: 32 | 64;
  readonly channels: 1 | 3;
  readonly fit: 'crop' | 'pad';
  /** Sample images to return. */
  readonly samples: number;
  readonly backend?: BackendName;
}

/**
 * Generate and export: samples (reusing the generate tasks) plus, on request, the model files
 * and a card, all written into stagingDir and renamed to dir only when complete.
 */
export interface ExportJobSpec {
  readonly kind: 'export';
  readonly runDir: string;
  readonly stagingDir: string;
  readonly dir: string;
  readonly format: 'png-folder' | 'png-zip' | 'csv' | 'parquet' | 'json';
  readonly n: number;
  /** Factor index -> value of c_k to hold fixed. */
  readonly fix: Readonly<Record<number, number>>;
  /** Tables only. */
  readonly where: readonly RowCondition[];
  readonly seed: number;
  readonly includeModel: boolean;
  readonly includeCard: boolean;
  /** The run's final training metrics, for the image card (the compute process has no database). */
  readonly metrics?: Readonly<Record<string, number>>;
  /** Image runs with baselines (or a baseline): each of the family as a trade-off point, for the card's chart. */
  readonly tradeOff?: readonly TradeOffPoint[];
  readonly backend?: BackendName;
}

export type JobSpec =
  | CheckJobSpec
  | TabularSchemaJobSpec
  | ImageInspectJobSpec
  | ImagesPreviewJobSpec
  | TabularModelInspectJobSpec
  | ImageTrainJobSpec
  | ImageEvaluateJobSpec
  | ImageGenerateJobSpec
  | ImageTraverseJobSpec
  | TabularTrainJobSpec
  | TabularGenerateJobSpec
  | TabularReportJobSpec
  | ExportJobSpec;

export type JobKind = JobSpec['kind'];
export type JobSpecOf<K extends JobKind> = Extract<JobSpec, { readonly kind: K }>;

/** What each kind of job hands back when it completes; a kind missing here fails to compile at JobOutputOf. */
export interface JobOutputs {
  /** The backend check reports its final loss in metrics only. */
  readonly check: undefined;
  readonly 'tabular-schema': TableSchema;
  readonly 'image-inspect': ImageInspectOutput;
  readonly 'images-preview': ImagesPreviewOutput;
  readonly 'tabular-model-inspect': TabularInspection;
  readonly 'image-train': ImageTrainOutput;
  readonly 'image-evaluate': ImageEvaluation;
  readonly 'image-generate': ImageGenerateOutput;
  readonly 'image-traverse': ImageTraverseOutput;
  readonly 'tabular-train': TabularTrainOutput;
  readonly 'tabular-generate': TabularGenerateOutput;
  readonly 'tabular-report': TabularReport;
  readonly export: ExportOutput;
}

export type JobOutputOf<K extends JobKind> = JobOutputs[K];

/** Job progress is the one progress shape (shared/progress.ts); the name stays for the protocol's readers. */
export type JobProgress = Progress;

/** A completed job's result; JobResult without a kind is any job's (its output then is the union of all outputs). */
export interface JobResult<K extends JobKind = JobKind> {
  readonly step: number;
  readonly metrics: Readonly<Record<string, number>>;
  /** Structured output of the job (the evaluate report, the files written...). */
  readonly output: JobOutputOf<K>;
}

/**
 * One request to the inference session (main/jobs/inference-pool.ts): the same compute process
 * entry, kept alive between requests with the models it loaded. The process reloads a run's
 * model when the run's latest checkpoint is not the one it holds.
 */
export interface InferenceRequest {
  readonly runDir: string;
  readonly request: ImageInspectRequest;
}

export type ToWorker =
  | { readonly type: 'start'; readonly jobId: string; readonly spec: JobSpec }
  | { readonly type: 'cancel'; readonly jobId: string }
  /** Turns a fresh compute process into an inference session (it never takes a 'start' after). */
  | { readonly type: 'infer'; readonly requestId: string; readonly spec: InferenceRequest };

export type FromWorker =
  | { readonly type: 'backend'; readonly jobId: string; readonly backend: BackendReport }
  | { readonly type: 'progress'; readonly jobId: string; readonly progress: JobProgress }
  | { readonly type: 'preview'; readonly jobId: string; readonly step: number; readonly png: Uint8Array }
  | { readonly type: 'checkpoint'; readonly jobId: string; readonly step: number; readonly dir: string }
  | { readonly type: 'done'; readonly jobId: string; readonly result: JobResult }
  | { readonly type: 'cancelled'; readonly jobId: string; readonly step: number }
  | { readonly type: 'failed'; readonly jobId: string; readonly message: string };

export function isFromWorker(value: unknown): value is FromWorker {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; jobId?: unknown };
  return (
    typeof v.jobId === 'string' &&
    (v.type === 'backend' ||
      v.type === 'progress' ||
      v.type === 'preview' ||
      v.type === 'checkpoint' ||
      v.type === 'done' ||
      v.type === 'cancelled' ||
      v.type === 'failed')
  );
}

/**
 * Sent by every compute process every few seconds from a timer, whatever it is doing, so the main
 * process can tell a busy process from a hung one (its event loop blocked: no timer fires) and
 * check its memory. rss is process.memoryUsage().rss in bytes.
 */
export interface Heartbeat {
  readonly type: 'heartbeat';
  readonly rss: number;
}

export function isHeartbeat(value: unknown): value is Heartbeat {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; rss?: unknown };
  return v.type === 'heartbeat' && typeof v.rss === 'number';
}

/** The inference session's answers, one per 'infer' request, by its id. */
export type FromInference =
  | { readonly type: 'inferred'; readonly requestId: string; readonly result: JobResult<'image-inspect'> }
  | { readonly type: 'inference-failed'; readonly requestId: string; readonly message: string };

export function isFromInference(value: unknown): value is FromInference {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; requestId?: unknown; result?: unknown; message?: unknown };
  if (typeof v.requestId !== 'string') return false;
  if (v.type === 'inferred') return typeof v.result === 'object' && v.result !== null;
  return v.type === 'inference-failed' && typeof v.message === 'string';
}
