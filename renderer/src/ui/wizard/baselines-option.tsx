import { baselineKinds, variantLabels } from '../../../../shared/baselines';

export interface BaselinesOptionProps {
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}

/**
 * The one tick that also trains the paper's baselines of this MS-VAE run, so Compare can draw
 * the trade-off chart (sample FD and recon against MIG) for them side by side.
 */
export function BaselinesOption({ checked, onChange }: BaselinesOptionProps) {
  const names = baselineKinds.map((k) => variantLabels[k]).join(', ');
  return (
    <div className="field">
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby="baselines-help" /> Also train the baselines
      </label>
      <p id="baselines-help" className="muted small-text">
        {names}: single-stage models with the same data, seed and number of steps, queued after this run (about four times the training
        time in all). Compare them in the Runs tab.
      </p>
    </div>
  );
}
