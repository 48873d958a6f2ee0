import type { RunDetails } from '../../../../shared/models';
import { tradeOffLayout } from '../../../../shared/trade-off-chart';
import { tradeOffAxis } from '../../../../shared/trade-off';
import { TradeOffChart } from './trade-off-chart';
import { tradeOffPoints } from './trade-off-points';

export interface TradeOffViewProps {
  /** The compared runs, in the table's order. */
  readonly details: readonly RunDetails[];
}

/**
 * The paper's Fig. 3 for the compared runs: sample FD against MIG and recon against MIG, or,
 * on data without known factors, FD against the KL-active factors only. Shown once two runs
 * have their final metrics.
 */
export function TradeOffView({ details }: TradeOffViewProps) {
  const points = tradeOffPoints(details);
  if (points.filter((p) => p.fd !== null).length < 2) return null;
  const x = tradeOffAxis(points);
  return (
    <figure className="trade-off" aria-labelledby="trade-off-caption">
      <figcaption id="trade-off-caption">
        Trade-off: one point per run{points.some((p) => p.primary) ? '; the square is the MS-VAE run, the circles its baselines' : ''}.
        {x === 'activeFactors' && ' These data have no known factors, so factors are counted by their KL, and only sample FD is shown.'}
      </figcaption>
      <TradeOffChart id="trade-off-fd" layout={tradeOffLayout(points, x, 'fd')} />
      {x === 'mig' && <TradeOffChart id="trade-off-recon" layout={tradeOffLayout(points, x, 'recon')} />}
    </figure>
  );
}
