import { useEffect, useState } from 'react';
import { variantLabels } from '../../../../shared/baselines';
import type { RunDetails } from '../../../../shared/models';
import { call, loadAndReloadOnRunUpdate, messageOf } from '../../api/studio';
import { ErrorMessage } from '../lib/error-message';
import { formatDate, formatNumber } from '../lib/format';
import { betterText, explainMetric, metricOrder } from '../inspect/metric-explanations';
import { copulaNotTrained } from '../inspect/models-side-by-side';
import { TradeOffView } from './trade-off-view';

export interface RunCompareProps {
  /** Two or more run ids, in the table's order. */
  readonly runIds: readonly string[];
}

const shown = (v: string | number | boolean | null | undefined) => (v === undefined || v === null ? '—' : String(v));

/** Runs side by side: their settings (differences marked) and their final metrics (a table run's MS-VAE, Gaussian copula and stage-1 numbers in adjacent rows). */
export function RunCompare({ runIds }: RunCompareProps) {
  const [details, setDetails] = useState<RunDetails[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = runIds.join(',');
  useEffect(() => {
    let live = true;
    setError(null);
    const load = () =>
      Promise.all(runIds.map((id) => call('runs.details', { id })))
        .then((d) => live && setDetails(d))
        .catch((e: unknown) => live && setError(messageOf(e)));
    // A compared run that changes (its final metrics computed after training, say) is shown afresh.
    const unsubscribe = loadAndReloadOnRunUpdate(runIds, () => void load());
    return () => {
      live = false;
      unsubscribe();
    };
    // key stands for runIds: reload only when the selection changes, not on every render.
  }, [key]);
  if (error) return <ErrorMessage message={`Could not load the runs to compare: ${error}`} />;
  if (!details) return <p className="muted">Loading the runs…</p>;
  const configKeys = [...new Set(details.flatMap((d) => Object.keys(d.config)))].sort();
  const metricKeys = metricOrder([...new Set(details.flatMap((d) => Object.keys(d.finalMetrics)))].filter((n) => n !== 'steps_per_sec'));
  const differs = (values: readonly unknown[]) => new Set(values.map((v) => JSON.stringify(v ?? null))).size > 1;
  return (
    <div className="compare" data-testid="run-compare">
      <table className="runs">
        <caption className="visually-hidden">Runs side by side</caption>
        <thead>
          <tr>
            <th scope="col">Setting or metric</th>
            {details.map((d) => (
              <th scope="col" key={d.run.id}>
                {d.run.kind} · {formatDate(d.run.createdAt)}
                {d.run.baselineKind && <div className="small-text">{variantLabels[d.run.baselineKind]} baseline</div>}
                <div className={`status status-${d.run.status} small-text`}>{d.run.status}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Steps trained</th>
            {details.map((d) => (
              <td key={d.run.id}>
                {d.run.step} / {d.run.totalSteps}
              </td>
            ))}
          </tr>
          {configKeys.map((k) => {
            const values = details.map((d) => d.config[k]);
            return (
              <tr key={k} className={differs(values) ? 'differs' : undefined}>
                <th scope="row">
                  {k}
                  {differs(values) && <span className="visually-hidden"> (differs)</span>}
                </th>
                {values.map((v, i) => (
                  <td key={details[i]!.run.id} className="wrap">
                    {shown(v)}
                  </td>
                ))}
              </tr>
            );
          })}
          {metricKeys.map((name) => {
            const explained = explainMetric(name);
            return (
              <tr key={name}>
                <th scope="row" title={explained?.explain}>
                  {explained ? explained.label : name}
                  {explained && betterText(explained.better) && <div className="muted small-text">{betterText(explained.better)}</div>}
                </th>
                {details.map((d) => (
                  <td key={d.run.id} className={copulaNotTrained(d.finalMetrics, name) ? 'muted' : undefined}>
                    {copulaNotTrained(d.finalMetrics, name) ? 'not trained' : formatNumber(d.finalMetrics[name])}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <TradeOffView details={details} />
      {!metricKeys.some((n) => n.startsWith('eval.')) && (
        <p className="muted small-text">Open a run and press “Compute metrics” in its inspector to add quality metrics here.</p>
      )}
    </div>
  );
}
