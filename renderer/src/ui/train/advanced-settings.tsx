import { yModeLabels, type ModelKind, type SettingsErrors, type TrainSettings } from './settings';

export interface AdvancedSettingsProps {
  readonly kind: ModelKind;
  readonly settings: TrainSettings;
  readonly errors: SettingsErrors;
  readonly onChange: (settings: TrainSettings) => void;
}

interface NumberField {
  readonly key: 'stage1Steps' | 'stage2Steps' | 'beta' | 'latents' | 'batch' | 'lr' | 'seed';
  readonly label: string;
  readonly help: string;
  readonly step?: string;
}

const fields: readonly NumberField[] = [
  { key: 'stage1Steps', label: 'Stage 1 steps', help: 'Training steps for the factor model (beta-TCVAE). More steps, cleaner factors.' },
  { key: 'stage2Steps', label: 'Stage 2 steps', help: 'Training steps for the detail model that sharpens stage 1’s output.' },
  { key: 'latents', label: 'Factors', help: 'How many independent factors stage 1 looks for. Unused ones switch off by themselves.' },
  { key: 'beta', label: 'Beta', help: 'How hard factors are pushed to be independent. Higher: cleaner factors, blurrier stage 1.', step: '0.5' },
  { key: 'batch', label: 'Batch size', help: 'Examples per step. Larger is steadier but slower per step.' },
  { key: 'lr', label: 'Learning rate', help: 'Step size of the optimizer (Adam) in stage 1; an image model’s stage 2 uses twice it. Lower is slower but safer.', step: '0.0001' },
  { key: 'seed', label: 'Seed', help: 'The same seed and settings train the same model again.' },
];

/** The Advanced panel: every setting with a plain-words explanation and its own error. */
export function AdvancedSettings({ kind, settings, errors, onChange }: AdvancedSettingsProps) {
  return (
    <details className="advanced">
      <summary>Advanced settings</summary>
      <div className="field-grid">
        {kind === 'image' && (
          <label className="field">
            <span>Image size</span>
            <select value={settings.imageSize} onChange={(e) => onChange({ ...settings, imageSize: Number(e.target.value) === 64 ? 64 : 32 })}>
              <option value={32}>32 × 32</option>
              <option value={64}>64 × 64</option>
            </select>
            <small>Images are resized to this square before training.</small>
          </label>
        )}
        <label className="field">
          <span>Stage 2 model</span>
          <select value={settings.stage2} onChange={(e) => onChange({ ...settings, stage2: e.target.value as TrainSettings['stage2'] })} aria-invalid={!!errors.stage2}>
            {kind === 'image' ? (
              <>
                <option value="vae">VAE (default, stable)</option>
                <option value="gan">GAN (sharper, less stable)</option>
              </>
            ) : (
              <>
                <option value="flow">Flow (default: the closest to the real table)</option>
                <option value="vae">VAE (conditional VAE)</option>
                <option value="gmm">Mixture (lightest, for small tables)</option>
              </>
            )}
          </select>
          <small>{errors.stage2 ?? 'The model that adds back the detail stage 1 leaves out.'}</small>
        </label>
        {kind === 'image' && (
          <label className="field">
            <span>Stage 2 trains on</span>
            <select value={settings.yMode} onChange={(e) => onChange({ ...settings, yMode: e.target.value === 'mean' ? 'mean' : 'sample' })}>
              <option value="mean">{yModeLabels.mean}</option>
              <option value="sample">{yModeLabels.sample}</option>
            </select>
            <small>Which stage-1 output stage 2 learns to sharpen. New images use the mean either way.</small>
          </label>
        )}
        {fields.map((f) => (
          <label className="field" key={f.key}>
            <span>{f.label}</span>
            <input
              type="number"
              step={f.step ?? '1'}
              value={Number.isFinite(settings[f.key]) ? settings[f.key] : ''}
              aria-invalid={!!errors[f.key]}
              onChange={(e) => onChange({ ...settings, [f.key]: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
            />
            <small className={errors[f.key] ? 'error' : undefined} role={errors[f.key] ? 'alert' : undefined}>
              {errors[f.key] ?? f.help}
            </small>
          </label>
        ))}
      </div>
    </details>
  );
}
