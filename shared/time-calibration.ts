/**
 * The machine-calibrated time estimate. estimateSeconds' step times (presets.ts) were measured
 * once, on one 2-core machine; other computers, and the same one on another day, train at their
 * own pace (the Balanced image preset: 895 s estimated, 420 s on one machine, 782 s on another).
 * So the app times its own finished runs: per kind and backend, the median of measured seconds /
 * estimateSeconds over the latest few runs whose time can be trusted scales the formula. With no
 * such run the formula stands, and the screens say these are the default figures.
 *
 * Pure: main/services/time-calibration-service.ts reads the history, the wizard and the tests
 * call these.
 */
import type { RunStatus } from './models';
import { estimateSeconds, hasTimeEstimate, type EstimateSettings, type ModelKind } from './presets';

/**
 * A finished run as the history records it. Its time runs from started_at (the compute process
 * has its backend; set again when a run is resumed) to finished_at (the last step's result,
 * before the final metrics, which are a job of their own): the data's read, the steps, previews
 * and checkpoints, as the formula counts them.
 */
export interface RunTiming {
  readonly kind: ModelKind;
  readonly backend: string;
  readonly status: RunStatus;
  /** 'ms-vae' for the models the wizard trains (tables too); a baseline's variant is another model, with other step times. */
  readonly variant: string;
  /** It trained in more than one sitting: its started_at is the last sitting's, so its time covers only part of its steps. */
  readonly resumed: boolean;
  readonly step: number;
  readonly totalSteps: number;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly finishedAt: number;
  /** The steps each stage actually trained (a table's early stop ends a stage before its count). */
  readonly settings: EstimateSettings;
}

/** Fewer steps than this and the fixed start (process, data) and the clock's noise outweigh the steps. */
export const minTimedSteps = 200;

/**
 * How many of the latest trusted runs the factor is the median of: few enough to follow this
 * computer as it is now, enough that one odd run (the machine busy, a huge table) does not decide.
 */
export const calibrationRunCount = 5;

/** Whether a run's time says how fast this computer trains: completed in one sitting, the wizard's model, enough steps. */
export function isTrustedTiming(run: RunTiming): boolean {
  return (
    run.status === 'completed' &&
    !run.resumed &&
    run.variant === 'ms-vae' &&
    run.step === run.totalSteps &&
    run.totalSteps >= minTimedSteps &&
    run.finishedAt > run.startedAt
  );
}

/** Measured seconds over the formula's estimate for the same steps on the same backend. */
export function timingRatio(run: RunTiming): number {
  return (run.finishedAt - run.startedAt) / 1000 / estimateSeconds(run.kind, run.settings, run.backend);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** What this computer's history says about one kind on one backend (the API's runs.timeCalibration). */
export interface TimeCalibration {
  readonly kind: ModelKind;
  /** The backend the factor is for: the one asked about or, with none, the latest trusted run's; null when neither is known. */
  readonly backend: string | null;
  /** Measured / formula, the median over `runs` runs; null with no trusted run (the default figures then). */
  readonly factor: number | null;
  /** How many runs the factor is the median of; 0 with none. */
  readonly runs: number;
}

/**
 * The calibration of `kind` on `backend` from a history, newest first: the median ratio of the
 * latest calibrationRunCount trusted runs of that kind on that backend. Null `backend`: the
 * latest trusted run's (what this computer trained on last), or none.
 */
export function calibrationFrom(kind: ModelKind, backend: string | null, history: readonly RunTiming[]): TimeCalibration {
  const trusted = history.filter((r) => r.kind === kind && isTrustedTiming(r));
  const chosen = backend ?? trusted[0]?.backend ?? null;
  const ratios = trusted
    .filter((r) => r.backend === chosen)
    .slice(0, calibrationRunCount)
    .map(timingRatio)
    .filter((r) => Number.isFinite(r) && r > 0);
  return { kind, backend: chosen, factor: ratios.length > 0 ? median(ratios) : null, runs: ratios.length };
}

/** An estimate and what it rests on. */
export interface CalibratedEstimate {
  /** Null: no estimate (a backend with no step-time figure, and no run timed on it here). */
  readonly seconds: number | null;
  /** The runs behind the factor; 0: the default figures. */
  readonly timedRuns: number;
}

/**
 * The formula's estimate scaled by this computer's factor when `calibration` is for this kind
 * and backend; else the formula's own figure. A timed backend needs no step-time figure of its
 * own (webgpu: its runs here are the measurement).
 */
export function calibratedEstimate(kind: ModelKind, settings: EstimateSettings, backend: string | null, calibration: TimeCalibration | null): CalibratedEstimate {
  if (calibration && calibration.factor !== null && calibration.kind === kind && calibration.backend === backend) {
    return { seconds: estimateSeconds(kind, settings, backend) * calibration.factor, timedRuns: calibration.runs };
  }
  return { seconds: hasTimeEstimate(backend) ? estimateSeconds(kind, settings, backend) : null, timedRuns: 0 };
}
