import { formatDuration } from '../lib/format';
import { AdvancedSettings } from '../train/advanced-settings';
import { PresetPicker } from '../train/preset-picker';
import { backendLabel, estimateText, type ModelKind, type PresetName, type TrainSettings } from '../train/settings';
import { BaselinesOption } from './baselines-option';
import type { StepErrors } from './validate';

export interface ModelStepProps {
  readonly kind: ModelKind;
  readonly presetName: PresetName | null;
  readonly settings: TrainSettings;
  readonly errors: StepErrors;
  /** The backend the last job used (system.info); null when none has run yet. */
  readonly backend: string | null;
  readonly onPreset: (name: PresetName, settings: TrainSettings) => void;
  /** A change in the Advanced panel (the preset no longer applies). */
  readonly onSettings: (settings: TrainSettings) => void;
  /** Image runs: whether the baselines are trained too, and its change. */
  readonly baselines: boolean;
  readonly onBaselines: (on: boolean) => void;
}

/** Step 3: a preset with its estimated time, or every setting in the Advanced panel. */
export function ModelStep({ kind, presetName, settings, errors, backend, onPreset, onSettings, baselines, onBaselines }: ModelStepProps) {
  return (
    <>
      <PresetPicker kind={kind} selected={presetName} backend={backend} onPick={onPreset} />
      <p className="muted" data-testid="time-estimate">
        With these settings: {estimateText(kind, settings, backend, formatDuration)} on {backendLabel(backend)}. This is an estimate from typical
        step times; your computer may be faster or slower.
      </p>
      {kind === 'image' && <BaselinesOption checked={baselines} onChange={onBaselines} />}
      <AdvancedSettings kind={kind} settings={settings} errors={errors} onChange={onSettings} />
    </>
  );
}
