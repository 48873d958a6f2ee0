/**
 * Training settings as the setup screens edit them: validation and the words around the time
 * estimate. The presets and the estimate are shared/presets.ts' (the CLI and the bench use
 * them too). Pure functions, tested without a browser. The limits are the config schemas' own
 * (shared/), so the screens never accept what the API would refuse.
 */
import { imageConfigLimits } from '../../../../shared/image-config';
import { presetSettings, type ModelKind, type TrainSettings } from '../../../../shared/presets';
import type { Limit } from '../../../../shared/schemas';
import { tabularConfigLimits } from '../../../../shared/tabular-config';
import { calibratedEstimate, type TimeCalibration } from '../../../../shared/time-calibration';

export { estimateSeconds, hasTimeEstimate, presetLabels, type ModelKind, type PresetName, type TrainSettings } from '../../../../shared/presets';

/** The image setting yMode in words (the review and the Advanced panel). */
export const yModeLabels: Record<TrainSettings['yMode'], string> = {
  mean: 'Stage 1’s mean reconstruction',
  sample: 'A sampled stage-1 reconstruction (the paper’s)',
};

/** A preset's settings; the values live in shared/presets.ts, beside the config they make. */
export const preset = presetSettings;

/** A backend's name in words, for "about 5m on ...". */
export function backendLabel(backend: string | null): string {
  switch (backend) {
    case 'tensorflow-gpu':
      return 'the GPU (TensorFlow)';
    case 'webgpu':
      return 'the GPU (WebGPU)';
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

/**
 * "about 5m" or, for a backend whose step times were never measured (and never timed here), a
 * sentence saying so. With `calibration` for this kind and backend (runs.timeCalibration), the
 * default figures are scaled to this computer's own finished runs.
 */
export function estimateText(
  kind: ModelKind,
  settings: TrainSettings,
  backend: string | null,
  format: (seconds: number) => string,
  calibration: TimeCalibration | null = null,
): string {
  const { seconds } = calibratedEstimate(kind, settings, backend, calibration);
  if (seconds === null) return `no estimate: step times on ${backendLabel(backend)} were never measured`;
  return `about ${format(seconds)}`;
}

/** What an estimate rests on, in words: the runs timed here, or the default figures. */
export function estimateSource(timedRuns: number): string {
  if (timedRuns === 0) return 'default figures; no runs timed on this computer yet';
  return timedRuns === 1 ? 'timed from your last run on this computer' : `timed from your last ${timedRuns} runs on this computer`;
}

/** "about 7m 00s (timed from your last 3 runs on this computer)": the estimate and, in brackets, what it rests on. */
export function estimateWithSource(
  kind: ModelKind,
  settings: TrainSettings,
  backend: string | null,
  format: (seconds: number) => string,
  calibration: TimeCalibration | null,
): string {
  const { seconds, timedRuns } = calibratedEstimate(kind, settings, backend, calibration);
  const text = estimateText(kind, settings, backend, format, calibration);
  return seconds === null ? text : `${text} (${estimateSource(timedRuns)})`;
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
