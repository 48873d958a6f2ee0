import { calibratedEstimate, type TimeCalibration } from '../../../../shared/time-calibration';
import { formatDuration } from '../lib/format';
import { backendLabel, estimateSource, estimateText, preset, presetLabels, type ModelKind, type PresetName, type TrainSettings } from './settings';

export interface PresetPickerProps {
  readonly kind: ModelKind;
  readonly selected: PresetName | null;
  /** The backend training is expected to use (system.info's lastBackend); null when unknown. */
  readonly backend?: string | null;
  /** This computer's timing of this kind on that backend (runs.timeCalibration); null: the default figures. */
  readonly calibration?: TimeCalibration | null;
  readonly onPick: (name: PresetName, settings: TrainSettings) => void;
}

/** Quick / Balanced / Best, each with its estimated time on the detected backend; the legend says what the times rest on. */
export function PresetPicker({ kind, selected, backend = null, calibration = null, onPick }: PresetPickerProps) {
  // Every preset's estimate rests on the same runs (or on none): said once, in the legend.
  const { timedRuns } = calibratedEstimate(kind, preset(kind, 'balanced'), backend, calibration);
  return (
    <fieldset className="presets">
      <legend>
        How long to train (estimated on {backendLabel(backend)}, {estimateSource(timedRuns)})
      </legend>
      {(Object.keys(presetLabels) as PresetName[]).map((name) => {
        const settings = preset(kind, name);
        return (
          <label key={name} className={selected === name ? 'preset selected' : 'preset'}>
            <input type="radio" name="preset" checked={selected === name} onChange={() => onPick(name, settings)} />
            <strong>{presetLabels[name]}</strong>
            <span className="muted">{estimateText(kind, settings, backend, formatDuration, calibration)}</span>
          </label>
        );
      })}
    </fieldset>
  );
}
