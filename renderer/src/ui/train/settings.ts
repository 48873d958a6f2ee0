/**
 * Training settings as the setup screens edit them, their presets, validation and time
 * estimate. Pure functions, tested without a browser. The limits are the config schemas' own
 * (shared/), so the screens never accept what the API would refuse.
 */
import { imageConfigLimits } from '../../../../shared/image-config';
import type { Limit } from '../../../../shared/schemas';
import { tabularConfigLimits } from '../../../../shared/tabular-config';

export type ModelKind = 'image' | 'tabular';
export type PresetName = 'quick' | 'balanced' | 'best';

export interface TrainSettings {
  readonly imageSize: 32 | 64;
  readonly stage1Steps: number;
  readonly stage2Steps: number;
  readonly stage2: 'vae' | 'gan' | 'gmm' | 'flow';
  readonly beta: number;
  readonly latents: number;
  readonly batch: number;
  readonly lr: number;
  readonly seed: number;
}

const imagePresets: Record<PresetName, TrainSettings> = {
  quick: { imageSize: 32, stage1Steps: 400, stage2Steps: 200, stage2: 'vae', beta: 6, latents: 10, batch: 32, lr: 5e-4, seed: 1 },
  balanced: { imageSize: 64, stage1Steps: 3000, stage2Steps: 1500, stage2: 'vae', beta: 6, latents: 10, batch: 64, lr: 5e-4, seed: 1 },
  best: { imageSize: 64, stage1Steps: 20000, stage2Steps: 10000, stage2: 'vae', beta: 6, latents: 10, batch: 64, lr: 1e-4, seed: 1 },
};

const tablePresets: Record<PresetName, TrainSettings> = {
  quick: { imageSize: 32, stage1Steps: 300, stage2Steps: 300, stage2: 'flow', beta: 6, latents: 8, batch: 256, lr: 1e-3, seed: 1 },
  balanced: { imageSize: 32, stage1Steps: 1500, stage2Steps: 1500, stage2: 'flow', beta: 6, latents: 8, batch: 256, lr: 1e-3, seed: 1 },
  best: { imageSize: 32, stage1Steps: 5000, stage2Steps: 5000, stage2: 'flow', beta: 6, latents: 8, batch: 256, lr: 1e-3, seed: 1 },
};

export function preset(kind: ModelKind, name: PresetName): TrainSettings {
  return (kind === 'image' ? imagePresets : tablePresets)[name];
}

export const presetLabels: Record<PresetName, string> = { quick: 'Quick', balanced: 'Balanced', best: 'Best' };

/**
 * Seconds per step measured on one 2-core laptop-class CPU with the WebAssembly backend
 * (npm run bench -- train-step / tabular-step); a GPU is many times faster.
 */
function secondsPerStep(kind: ModelKind, s: TrainSettings, stage: 1 | 2): number {
  if (kind === 'tabular') return 0.03 * (s.batch / 256);
  const scale = (s.imageSize / 64) ** 2 * (s.batch / 64);
  return (stage === 1 ? 0.3 : 1.8) * scale;
}

/**
 * Rough speed of each backend against that WebAssembly baseline (a guide, not a measurement on
 * this computer): TF.js native on the CPU, on a CUDA GPU, and the plain-JavaScript fallback.
 */
const backendSpeed: Readonly<Record<string, number>> = { 'tensorflow-gpu': 20, tensorflow: 3, wasm: 1, cpu: 0.1 };

/** Estimated training time in seconds on a backend (null: not known yet, assume WebAssembly). */
export function estimateSeconds(kind: ModelKind, s: TrainSettings, backend: string | null = null): number {
  const speed = backendSpeed[backend ?? 'wasm'] ?? 1;
  return (s.stage1Steps * secondsPerStep(kind, s, 1) + s.stage2Steps * secondsPerStep(kind, s, 2)) / speed;
}

/** A backend's name in words, for "about 5m on ...". */
export function backendLabel(backend: string | null): string {
  switch (backend) {
    case 'tensorflow-gpu':
      return 'the GPU (TensorFlow)';
    case 'tensorflow':
      return 'the CPU (TensorFlow)';
    case 'cpu':
      return 'the CPU (plain JavaScript, slow)';
    case 'wasm':
      return 'the CPU (WebAssembly)';
    default:
      return 'the CPU (WebAssembly, the usual backend)';
  }
}

export type SettingsErrors = Partial<Record<keyof TrainSettings | 'data', string>>;

const whole = (v: number, { min, max }: Limit, what: string) =>
  !Number.isInteger(v) ? `${what} must be a whole number` : v < min ? `${what} must be at least ${min}` : v > max ? `${what} can be at most ${max}` : undefined;

/** Problems with the settings, per field, in words for the user; empty when they are fine. */
export function validateSettings(kind: ModelKind, s: TrainSettings): SettingsErrors {
  const limits = kind === 'image' ? imageConfigLimits : tabularConfigLimits;
  const errors: SettingsErrors = {};
  const put = (field: keyof TrainSettings, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  put('stage1Steps', whole(s.stage1Steps, limits.stageSteps, 'Stage 1 steps'));
  put('stage2Steps', whole(s.stage2Steps, limits.stageSteps, 'Stage 2 steps'));
  if (!errors.stage1Steps && !errors.stage2Steps && s.stage1Steps + s.stage2Steps === 0) errors.stage1Steps = 'Train at least one step';
  put('latents', whole(s.latents, limits.latents, 'Factors'));
  put('batch', whole(s.batch, limits.batch, 'Batch size'));
  put('seed', whole(s.seed, limits.seed, 'Seed'));
  const { beta, lrMax } = limits;
  if (!(s.beta >= beta.min && s.beta <= beta.max)) errors.beta = `Beta must be between ${beta.min} and ${beta.max}`;
  if (!(s.lr > 0 && s.lr <= lrMax)) errors.lr = `Learning rate must be above 0 and at most ${lrMax}`;
  if (kind === 'image' && (s.stage2 === 'gmm' || s.stage2 === 'flow')) errors.stage2 = 'The flow and mixture stage 2 are for tables; images use the VAE or the GAN';
  if (kind === 'tabular' && s.stage2 === 'gan') errors.stage2 = 'Tables use the flow, the VAE or the mixture stage 2';
  return errors;
}

/** A data path the user typed: absolute (the app never guesses a working folder). */
export function pathProblem(value: string, what: 'folder' | 'file'): string | undefined {
  const v = value.trim();
  if (v === '') return `Enter the ${what}'s full path`;
  if (!(v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\\\'))) return `Enter the full path of the ${what} (starting with / or a drive letter)`;
  return undefined;
}
