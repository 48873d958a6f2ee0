import { formatDuration } from '../lib/format';
import { estimateSeconds, preset, presetLabels, type ModelKind, type PresetName, type TrainSettings } from './settings';

export interface PresetPickerProps {
  readonly kind: ModelKind;
  readonly selected: PresetName | null;
  readonly onPick: (name: PresetName, settings: TrainSettings) => void;
}

/** Quick / Balanced / Best, each with its estimated time on this computer. */
export function PresetPicker({ kind, selected, onPick }: PresetPickerProps) {
  return (
    <fieldset className="presets">
      <legend>How long to train</legend>
      {(Object.keys(presetLabels) as PresetName[]).map((name) => {
        const settings = preset(kind, name);
        return (
          <label key={name} className={selected === name ? 'preset selected' : 'preset'}>
            <input type="radio" name="preset" checked={selected === name} onChange={() => onPick(name, settings)} />
            <strong>{presetLabels[name]}</strong>
            <span className="muted">about {formatDuration(estimateSeconds(kind, settings))} on the CPU</span>
          </label>
        );
      })}
    </fieldset>
  );
}
