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
  /**
   * Images only (tables ignore it): stage 2 conditions on y decoded from a fresh sample of
   * q(c|x) (the paper's code) or from its mean. Sampling, traversals and the inspector use the
   * mean either way; the evaluation reports stage 2 both ways.
   */
  readonly yMode: 'sample' | 'mean';
}

const imagePresets: Record<PresetName, TrainSettings> = {
  quick: { imageSize: 32, stage1Steps: 400, stage2Steps: 200, stage2: 'vae', beta: 6, latents: 10, batch: 32, lr: 5e-4, seed: 1, yMode: 'sample' },
  // Balanced fits 15 minutes on a 2-core laptop at 64x64 (the paper's size): ~0.45 s a stage-1
  // step and ~0.78 s a stage-2 step on the slower of the two such machines measured (stepSeconds
  // below). Chosen on seeds 2 and 3 (scratch runs, 10,000-sample MIG, 2,000-image BCE); the
  // preset's own seed 1 only reports. Beta 16, not 6: at 64x64 the reconstruction term is 4x the
  // 32x32 one, so beta 6 weighs independence a quarter as much as it does at 32x32 (seed 2, 1,000
  // steps: MIG 0.160 at beta 6, 0.230 at 16, 0.223 at 16 after 2,000; seed 3 at 16: 0.130; batch
  // 32 at 16: 0.144). Stage 2 conditions on the mean y: trained so, its held-out recon over stage
  // 1's was 0.61 at 500 steps and 0.48 at 1,000; trained on a sampled y, its training recon at 600
  // steps was 124 nats against 95. A stage-2 lr of 4e-3 was no faster (0.62 at 500). With 1,000
  // stage-2 steps the run would take ~21 minutes there, so stage 2 gets 400. Seed 1 then reported
  // (npm run bench -- quality --preset balanced, 768 s): MIG 0.118 (0.053 before), recon 0.63x
  // stage 1's (0.98x before): both short of issue 13's 0.20 and 0.5x.
  balanced: { imageSize: 64, stage1Steps: 1000, stage2Steps: 400, stage2: 'vae', beta: 16, latents: 10, batch: 64, lr: 1e-3, seed: 1, yMode: 'mean' },
  best: { imageSize: 64, stage1Steps: 20000, stage2Steps: 10000, stage2: 'vae', beta: 6, latents: 10, batch: 64, lr: 1e-4, seed: 1, yMode: 'sample' },
};

// imageSize and yMode are not table settings; 32 and 'sample' only fill the shared settings shape.
const tablePresets: Record<PresetName, TrainSettings> = {
  quick: { imageSize: 32, stage1Steps: 300, stage2Steps: 300, stage2: 'flow', beta: 6, latents: 8, batch: 256, lr: 1e-3, seed: 1, yMode: 'sample' },
  // Balanced (issue 18): 600 + 600 steps, not 1,500 + 1,500. On a 10,000 x 15 table (npm run
  // bench -- table-fit, one seed, a busy 2-core machine) the report's overall went 0.913 -> 0.906
  // at 0.4 of the steps (1,310 s -> 254 s there, rough); 300 + 300 or 150 + 450 steps of 512 at
  // lr 2e-3 (as many rows) scored 0.891-0.893, so the batch stays 256 at 1e-3. Still over a minute.
  balanced: { imageSize: 32, stage1Steps: 600, stage2Steps: 600, stage2: 'flow', beta: 6, latents: 8, batch: 256, lr: 1e-3, seed: 1, yMode: 'sample' },
  best: { imageSize: 32, stage1Steps: 5000, stage2Steps: 5000, stage2: 'flow', beta: 6, latents: 8, batch: 256, lr: 1e-3, seed: 1, yMode: 'sample' },
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
  const { stage1Steps, stage2Steps, beta, latents, batch, lr, seed, yMode } = settings;
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
    yMode,
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
 * The time estimate's inputs, measured with the WebAssembly backend on both cores of a 2-core
 * laptop-class CPU (npm run bench -- train-step --stage 1|2 --threads 2, idle, medians: 0.45 s
 * and 0.78 s on 2026-12-02; the same code ran 0.26 s and 0.47 s on a faster 2-core machine the
 * day before, which is why the app rescales these by its own finished runs, time-calibration.ts):
 * seconds per step for a 64x64 image batch of 64 and a table batch of 256, which scale with
 * pixels and batch; a fixed cost per image step that does not (dispatch, the replicas'
 * exchange, progress, the previews' and checkpoints' share: why a 32x32 step costs more than an
 * eighth of a 64x64 one); and the run's start (compute process, TF.js, the data).
 */
export const stepSeconds = { imageStage1: 0.45, imageStage2: 0.78, imageStepOverhead: 0.04, table: 0.03, start: 8 } as const;

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
