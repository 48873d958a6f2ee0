import { useEffect, useState } from 'react';
import type { FactorActivity } from '../../../../shared/models';
import { call, messageOf } from '../../api/studio';
import { ErrorMessage } from '../lib/error-message';

export interface FactorActivityBarsProps {
  readonly runId: string;
  readonly label: (k: number) => string;
}

/** One bar per factor: its mean KL over a sample of the data. Long bars are factors the model uses. */
export function FactorActivityBars({ runId, label }: FactorActivityBarsProps) {
  const [activity, setActivity] = useState<FactorActivity | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('runs.factorActivity', { id: runId })
      .then((a) => live && setActivity(a))
      .catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [runId]);
  if (error) return <ErrorMessage message={`Could not measure the factors: ${error}`} />;
  if (!activity) return <p className="muted">Measuring how much each factor is used…</p>;
  const max = Math.max(...activity.klPerFactor, activity.activeThreshold * 10);
  const active = activity.klPerFactor.filter((v) => v > activity.activeThreshold).length;
  return (
    <div>
      <p className="muted">
        KL of each factor over {activity.samples} examples (nats): {active} of {activity.klPerFactor.length} factors are active (above{' '}
        {activity.activeThreshold.toFixed(2)} nats, the larger of 0.1 and 5% of the most used factor’s). An inactive factor carries next to no
        information and its slider changes little.
      </p>
      <ul className="kl-bars" aria-label="KL per factor">
        {activity.klPerFactor.map((kl, k) => {
          const on = kl > activity.activeThreshold;
          return (
            <li key={k} data-testid="kl-bar">
              <span className="kl-name">{label(k)}</span>
              <span className="kl-track" aria-hidden="true">
                <span className={on ? 'kl-fill' : 'kl-fill inactive'} style={{ width: `${Math.max(1, (kl / max) * 100)}%` }} />
              </span>
              <span className="kl-value">
                {kl.toFixed(3)} <span className="muted small-text">{on ? 'active' : 'inactive'}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
