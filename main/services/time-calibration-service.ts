import type { ModelKind } from '../../shared/presets';
import { calibrationFrom, calibrationRunCount, type RunTiming, type TimeCalibration } from '../../shared/time-calibration';
import type { Store } from '../store';
import type { TimingRow } from '../store/run-repo';

/**
 * Completed runs read per question: the calibration takes the latest calibrationRunCount trusted
 * ones, so this leaves room for the untrusted ones among the latest (resumed runs, baselines,
 * short tries) without reading a long history.
 */
const historyWindow = calibrationRunCount * 10;

/** The step-time settings a run's stored job spec (runs.config_json) trained with. */
interface StoredTrainConfig {
  readonly config?: { readonly imageSize?: number; readonly batch?: number; readonly stage1Steps?: number; readonly stage2Steps?: number; readonly variant?: string };
}

/** A row as a RunTiming, or null when its config lacks the step-time settings (never the case for runs the app wrote). */
export function timingOf(row: TimingRow): RunTiming | null {
  if (row.kind !== 'image' && row.kind !== 'tabular') return null;
  let config: StoredTrainConfig['config'];
  try {
    config = (JSON.parse(row.configJson) as StoredTrainConfig).config;
  } catch {
    return null;
  }
  const { batch, stage1Steps, stage2Steps } = config ?? {};
  if (typeof batch !== 'number' || typeof stage1Steps !== 'number' || typeof stage2Steps !== 'number') return null;
  // A table's stage that stopped early jumped to its end: count the steps it trained, not its budget.
  const stage1 = row.stage1StoppedAt ?? stage1Steps;
  const stage2 = (row.stage2StoppedAt ?? stage1Steps + stage2Steps) - stage1Steps;
  return {
    kind: row.kind,
    backend: row.backend,
    status: row.status,
    // Runs saved before baselines have no variant: MS-VAEs. A tagged baseline is never the wizard's model.
    variant: row.baselineOf !== null ? 'baseline' : (config?.variant ?? 'ms-vae'),
    resumed: row.resumed === 1,
    step: row.step,
    totalSteps: row.totalSteps,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    settings: { imageSize: config?.imageSize === 32 ? 32 : 64, batch, stage1Steps: stage1, stage2Steps: stage2 },
  };
}

/**
 * How fast this computer trains, learnt from its own finished runs in the history: the factor
 * the wizard scales the default step times by (shared/time-calibration.ts has the rules).
 * Read-only: it only reads the runs table, so a CLI reader beside the app may ask too.
 */
export class TimeCalibrationService {
  constructor(private readonly store: Store) {}

  /** `kind` on `backend`; null `backend` (no job yet this session): the backend this computer's latest trusted run used. */
  calibration(kind: ModelKind, backend: string | null): TimeCalibration {
    const history = this.store.runs.timingHistory(kind, historyWindow).flatMap((row) => timingOf(row) ?? []);
    return calibrationFrom(kind, backend, history);
  }
}
