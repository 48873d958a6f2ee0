import { baselineKinds, variantLabels } from '../../../../shared/baselines';

export interface BaselinesOptionProps {
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}

/**
 * The one tick that also trains the paper's baselines of this MS-VAE run, so Compare can draw
 * the trade-off chart (sample FD and recon against MIG) for them side by side. The time: the
 * Balanced preset on dSprites here, MS-VAE 423 s, the three baselines 361 + 617 + 761 s (the two
 * large ones have MS-VAE's parameters in one wider stage 1): 4.1x the run again (npm run bench -- paper).
 */
export function BaselinesOption({ checked, onChange }: BaselinesOptionProps) {
  const names = baselineKinds.map((k) => variantLabels[k]).join(', ');
  return (
    <div className="field">
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby="baselines-help" /> Also train the baselines
      </label>
      <p id="baselines-help" className="muted small-text">
        {names}: single-stage models with the same data, seed and number of steps, queued after this run. Together they take about four times
        this run's training time again (about five times in all). Compare them in the Runs tab.
      </p>
    </div>
  );
}
