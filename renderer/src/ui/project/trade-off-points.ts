import { isBaselineKind, variantLabels } from '../../../../shared/baselines';
import type { RunDetails } from '../../../../shared/models';
import { formatDate } from '../lib/format';
import { tradeOffPoint, type TradeOffPoint } from '../../../../shared/trade-off';

/**
 * The compared runs as trade-off points: a baseline is named by its kind, the MS-VAE run it
 * belongs to is the primary point, and any other run by its model and start time.
 */
export function tradeOffPoints(details: readonly RunDetails[]): TradeOffPoint[] {
  const ids = new Set(details.map((d) => d.run.id));
  const hasBaselines = new Set(details.flatMap((d) => (d.run.baselineOf && ids.has(d.run.baselineOf) ? [d.run.baselineOf] : [])));
  return details
    .filter((d) => d.run.kind === 'image')
    .map((d) => {
      const variant = d.config['variant'];
      const name = isBaselineKind(variant) ? variantLabels[variant] : variantLabels['ms-vae'];
      const primary = hasBaselines.has(d.run.id);
      const label = d.run.baselineKind || primary ? name : `${name} · ${formatDate(d.run.createdAt)}`;
      return tradeOffPoint(d.run.id, label, primary, d.finalMetrics);
    });
}
