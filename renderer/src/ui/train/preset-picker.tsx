import { formatDuration } from '../lib/format';
import { backendLabel, estimateText, preset, presetLabels, type ModelKind, type PresetName, type TrainSettings } from './settings';

export interface PresetPickerProps {
  readonly kind: ModelKind;
  readonly selected: PresetName | null;
  /** The backend training is expected to use (system.info's lastBackend); null when unknown. */
  readonly backend?: string | null;
  readonly onPick: (name: PresetName, settings: TrainSettings) => void;
}

/** Quick / Balanced / Best, each with its estimated time on the detected backend. */
export function PresetPicker({ kind, selected, backend = null, onPick }: PresetPickerProps) {
  return (
    <fieldset className="presets">
      <legend>How long to train (estimated on {backendLabel(backend)})</legend>
      {(Object.keys(presetLabels) as PresetName[]).map((name) => {
        const settings = preset(kind, name);
        return (
          <label key={name} className={selected === name ? 'preset selected' : 'preset'}>
            <input type="radio" name="preset" checked={selected === name} onChange={() => onPick(name, settings)} />
            <strong>{presetLabels[name]}</strong>
            <span className="muted">{estimateText(kind, settings, backend, formatDuration)}</span>
          </label>
        );
      })}
    </fieldset>
  );
}
