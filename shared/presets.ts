/**
 * The training presets (Quick / Balanced / Best) for images and tables, and the one function that
 * turns training settings into the config the API takes. The wizard shows and sends them, the
 * CLI's `--preset` and `npm run bench -- quality --preset` build their configs with the same
 * function, and the time estimate reads the same steps: one copy of every value.
 */
import type { ImageModelConfigInput } from './image-config';
import type { TabularModelConfigInput } from './tabular-config';

export type ModelKind = 'image' | 'tabular';
export type PresetName = 'quick' | 'balanced' | 'best';

export const presetNames: readonly PresetName[] = ['quick', 'balanced', 'best'];
export const presetLabels: Record<PresetName, string> = { quick: 'Quick', balanced: 'Balanced', best: 'Best' };

/** The settings the setup screens edit; everything else in a config is the schema's default. */
export interface TrainSettings {
  /** Images only; tables ignore it. */
  readonly imageSize: 32 | 64;
  readonly stage1Steps: number;
  readonly stage2Steps: number;
  readonly stage2: 'vae' | 'gan' | 'gmm' | 'flow';
  readonly beta: number;
  readonly latents: number;
  readonly batch: number;
  /** Stage 1's learning rate; stage 2's is stage2LrRatio times it. */
  readonly lr: number;
  readonly seed: number;
}

const imagePresets: Record<PresetName, TrainSettings> = {
  quick: { imageSize: 32, stage1Steps: 400, stage2Steps: 200, stage2: 'vae', beta: 6, latents: 10, batch: 32, lr: 5e-4, seed: 1 },
  // Balanced fits 15 minutes on a 2-core laptop at 64x64 (the paper's size): ~0.53 s a stage-1
  // step and ~0.93 s a stage-2 step there (npm run bench -- train-step --compare, 2 threads),
  // so 1,000 + 300 steps, at the learning rate the 15-minute bench found best (1e-3).
  balanced: { imageSize: 64, stage1Steps: 1000, stage2Steps: 300, stage2: 'vae', beta: 6, latents: 10, batch: 64, lr: 1e-3, seed: 1 },
  best: { imageSize: 64, stage1Steps: 20000, stage2Steps: 10000, stage2: 'vae', beta: 6, latents: 10, batch: 64, lr: 1e-4, seed: 1 },
};

// imageSize is not a table setting; 32 only fills the shared settings shape.
const tablePresets: Record<PresetName, TrainSettings> = {
  quick: { imageSize: 32, stage1Steps: 300, stage2Steps: 300, stage2: 'flow', beta: 6, latents: 8, batch: 256, lr: 1e-3, seed: 1 },
  // Balanced (issue 18): 600 + 600 steps, not 1,500 + 1,500. On a 10,000 x 15 table (npm run
  // bench -- table-fit, one seed, a busy 2-core machine) the report's overall went 0.913 -> 0.906
  // at 0.4 of the steps (1,310 s -> 254 s there, rough); 300 + 300 or 150 + 450 steps of 512 at
  // lr 2e-3 (as many rows) scored 0.891-0.893, so the batch stays 256 at 1e-3. Still over a minute.
  balanced: { imageSize: 32, stage1Steps: 600, stage2Steps: 600, stage2: 'flow', beta: 6, latents: 8, batch: 256, lr: 1e-3, seed: 1 },
  best: { imageSize: 32, stage1Steps: 5000, stage2Steps: 5000, stage2: 'flow', beta: 6, latents: 8, batch: 256, lr: 1e-3, seed: 1 },
};

/** A preset's settings (a fresh copy, so an edit in the Advanced panel cannot change the preset). */
export function presetSettings(kind: ModelKind, name: PresetName): TrainSettings {
  return { ...(kind === 'image' ? imagePresets : tablePresets)[name] };
}

/**
 * Stage 2's learning rate as a multiple of stage 1's. Images: 2, as the image config's defaults
 * (1e-4, 2e-4) and as the quality bench measured better than 1x. Tables: 1, the table config's
 * defaults (1e-3, 1e-3), on which its report and early stopping were measured (bench/tabular.ts).
 */
export const stage2LrRatio: Record<ModelKind, number> = { image: 2, tabular: 1 };

/** The `data` of a run: a built-in name or a full path, and for images the colour channels. */
export interface RunData {
  readonly data: string;
  readonly channels?: 1 | 3;
}

/** The image config the API takes (runs.startImage's `config`) for these settings. */
export function imageConfigInput(settings: TrainSettings, run: RunData): ImageModelConfigInput {
  const { stage1Steps, stage2Steps, beta, latents, batch, lr, seed } = settings;
  const total = stage1Steps + stage2Steps;
  return {
    data: run.data,
    imageSize: settings.imageSize,
    channels: run.channels ?? 1,
    stage1Steps,
    stage2Steps,
    stage2: settings.stage2 === 'gan' ? 'gan' : 'vae',
    beta,
    latents,
    batch,
    lr,
    stage2Lr: lr * stage2LrRatio.image,
    seed,
    // About 40 previews and 20 checkpoints per run, whatever its length.
    previewEvery: Math.max(10, Math.round(total / 40)),
    checkpointEvery: Math.max(50, Math.round(total / 20)),
  };
}

/** The table config the API takes (runs.startTabular's `config`) for these settings. */
export function tabularConfigInput(settings: TrainSettings, run: RunData): TabularModelConfigInput {
  const { stage1Steps, stage2Steps, beta, latents, batch, lr, seed } = settings;
  // The GAN is an image stage 2; a table given one gets the table default, the flow.
  const stage2 = settings.stage2 === 'gan' ? 'flow' : settings.stage2;
  return { data: run.data, stage1Steps, stage2Steps, stage2, beta, latents, batch, lr, stage2Lr: lr * stage2LrRatio.tabular, seed };
}

/** A preset's config exactly as the wizard sends it for this data. */
export function presetConfig(kind: 'image', name: PresetName, run: RunData): ImageModelConfigInput;
export function presetConfig(kind: 'tabular', name: PresetName, run: RunData): TabularModelConfigInput;
export function presetConfig(kind: ModelKind, name: PresetName, run: RunData): ImageModelConfigInput | TabularModelConfigInput {
  const settings = presetSettings(kind, name);
  return kind === 'image' ? imageConfigInput(settings, run) : tabularConfigInput(settings, run);
}

export function isPresetName(value: string): value is PresetName {
  return (presetNames as readonly string[]).includes(value);
}

/**
 * The time estimate's inputs, measured on one 2-core laptop-class CPU with the WebAssembly
 * backend on both cores (npm run bench -- train-step --compare / tabular-step): seconds per step
 * for a 64x64 image batch of 64 and a table batch of 256, which scale with pixels and batch; a
 * fixed cost per image step that does not (dispatch, the replicas' exchange, progress, the
 * previews' and checkpoints' share: why a 32x32 step costs more than an eighth of a 64x64 one);
 * and the run's start (compute process, TF.js, the data).
 */
export const stepSeconds = { imageStage1: 0.55, imageStage2: 0.95, imageStepOverhead: 0.04, table: 0.03, start: 8 } as const;

/**
 * Rough speed of each backend against that WebAssembly baseline (a guide, not a measurement on
 * this computer): TF.js native on the CPU, on a CUDA GPU, and the plain-JavaScript fallback.
 */
export const backendSpeed: Readonly<Record<string, number>> = { 'tensorflow-gpu': 20, tensorflow: 3, wasm: 1, cpu: 0.1 };

/** Whether estimateSeconds knows `backend`'s speed (null: not known yet, WebAssembly assumed). */
export function hasTimeEstimate(backend: string | null): boolean {
  return backend === null || backend in backendSpeed;
}

/** The settings a step's time depends on (a finished run's config has them too). */
export type EstimateSettings = Pick<TrainSettings, 'imageSize' | 'stage1Steps' | 'stage2Steps' | 'batch'>;

function secondsPerStep(kind: ModelKind, s: EstimateSettings, stage: 1 | 2): number {
  if (kind === 'tabular') return stepSeconds.table * (s.batch / 256);
  const scale = (s.imageSize / 64) ** 2 * (s.batch / 64);
  return (stage === 1 ? stepSeconds.imageStage1 : stepSeconds.imageStage2) * scale + stepSeconds.imageStepOverhead;
}

/**
 * Estimated training time in seconds on a backend (null: not known yet, assume WebAssembly):
 * (start + stage1Steps x s1 + stage2Steps x s2) / backend speed. The final metrics, which run
 * after training, are not in it. These are the default figures; shared/time-calibration.ts
 * scales them by how long this computer's own finished runs took against them.
 */
export function estimateSeconds(kind: ModelKind, s: EstimateSettings, backend: string | null = null): number {
  // A backend with no step-time figure (webgpu: its speed depends on the GPU) has no estimate
  // here; the screens say so (hasTimeEstimate) rather than show WebAssembly's as its own.
  const speed = backendSpeed[backend ?? 'wasm'] ?? 1;
  return (stepSeconds.start + s.stage1Steps * secondsPerStep(kind, s, 1) + s.stage2Steps * secondsPerStep(kind, s, 2)) / speed;
}
