import { formatDuration } from '../lib/format';
import { AdvancedSettings } from '../train/advanced-settings';
import { PresetPicker } from '../train/preset-picker';
import { calibratedEstimate, type TimeCalibration } from '../../../../shared/time-calibration';
import { backendLabel, estimateWithSource, type ModelKind, type PresetName, type TrainSettings } from '../train/settings';
import { BaselinesOption } from './baselines-option';
import type { StepErrors } from './validate';

export interface ModelStepProps {
  readonly kind: ModelKind;
  readonly presetName: PresetName | null;
  readonly settings: TrainSettings;
  readonly errors: StepErrors;
  /** The backend training is expected to use (use-wizard-environment.ts); null when unknown. */
  readonly backend: string | null;
  /** This computer's timing of this kind on that backend; null: the default figures. */
  readonly calibration: TimeCalibration | null;
  readonly onPreset: (name: PresetName, settings: TrainSettings) => void;
  /** A change in the Advanced panel (the preset no longer applies). */
  readonly onSettings: (settings: TrainSettings) => void;
  /** Image runs: whether the baselines are trained too, and its change. */
  readonly baselines: boolean;
  readonly onBaselines: (on: boolean) => void;
}

/** Step 3: a preset with its estimated time, or every setting in the Advanced panel. */
export function ModelStep({ kind, presetName, settings, errors, backend, calibration, onPreset, onSettings, baselines, onBaselines }: ModelStepProps) {
  const { timedRuns } = calibratedEstimate(kind, settings, backend, calibration);
  return (
    <>
      <PresetPicker kind={kind} selected={presetName} backend={backend} calibration={calibration} onPick={onPreset} />
      <p className="muted" data-testid="time-estimate">
        With these settings: {estimateWithSource(kind, settings, backend, formatDuration, calibration)} on {backendLabel(backend)}.{' '}
        {timedRuns > 0
          ? 'This is an estimate from how long your finished runs took here; a busy computer or other data may change it.'
          : 'This is an estimate from typical step times; your computer may be faster or slower.'}
      </p>
      {kind === 'image' && <BaselinesOption checked={baselines} onChange={onBaselines} />}
      <AdvancedSettings kind={kind} settings={settings} errors={errors} onChange={onSettings} />
    </>
  );
}
