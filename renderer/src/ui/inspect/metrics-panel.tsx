import { useEffect, useState } from 'react';
import { call, loadAndReloadOnRunUpdate, messageOf } from '../../api/studio';
import { ErrorMessage } from '../lib/error-message';
import { formatNumber } from '../lib/format';
import { betterText, explainMetric, metricOrder } from './metric-explanations';
import { sideBySideNames, sideBySideRows } from './models-side-by-side';
import { ModelsTable } from './models-table';
import { PaperAnalysesPanel } from './paper-analyses-panel';
import { isAnalysisMetric } from './paper-analyses';

export interface MetricsPanelProps {
  readonly runId: string;
  readonly kind: 'image' | 'tabular';
}

const evalOnly = (metrics: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(metrics).filter(([name]) => name.startsWith('eval.')));

/** What each evaluation split is, in the words the panel uses. */
const splitWords: Readonly<Record<string, (n: string) => string>> = {
  holdout: (n) => `the hold-out (${n} images set aside before training, never trained on)`,
  test: (n) => `the dataset's test split (${n} images, never trained on)`,
  'full-grid': (n) => `the full grid of factor combinations (${n}), as is standard for dSprites`,
  training: (n) => `the training images (${n}): this run predates hold-out splits, so the numbers flatter it`,
};

/** "Measured on 10,000 images from ...": which images the image metrics are on, when known. */
export function splitLine(metrics: Readonly<Record<string, number>>): string | null {
  const entry = Object.entries(metrics).find(([name]) => name.startsWith('eval.split.'));
  if (!entry) return null;
  const words = splitWords[entry[0].slice('eval.split.'.length)];
  if (!words) return null;
  const samples = metrics['eval.samples'];
  const n = (v: number) => v.toLocaleString('en-US');
  return `Measured on ${samples !== undefined ? `${n(samples)} images from ` : ''}${words(n(entry[1]))}.`;
}

/**
 * The run's final quality metrics with a line each on what they mean: computed when training
 * completes (or on demand, e.g. for a paused run or again), and kept in the history.
 */
export function MetricsPanel({ runId, kind }: MetricsPanelProps) {
  const [metrics, setMetrics] = useState<Record<string, number> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      call('runs.details', { id: runId })
        .then((d) => live && setMetrics(evalOnly(d.finalMetrics)))
        .catch((e: unknown) => live && setError(messageOf(e)));
    // The metrics are computed on their own when training ends; 'run.updated' says they are stored.
    const unsubscribe = loadAndReloadOnRunUpdate([runId], () => void load());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [runId]);
  const compute = async () => {
    setBusy(true);
    setError(null);
    try {
      setMetrics(evalOnly(await call('runs.evaluate', { id: runId })));
    } catch (e) {
      setError(`Could not compute the metrics: ${messageOf(e)}. Check that the training data is still where it was, then try again.`);
    } finally {
      setBusy(false);
    }
  };
  // A table run leads with MS-VAE beside the copula and stage 1; the other numbers follow.
  const models = kind === 'tabular' && metrics ? sideBySideRows(metrics) : [];
  const inModels = sideBySideNames(models);
  const all = metricOrder(Object.keys(metrics ?? {})).filter((n) => explainMetric(n));
  // The paper's analyses have their own table and bars below, not a row each here.
  const names = all.filter((n) => !inModels.has(n) && !isAnalysisMetric(n));
  return (
    <div className="metrics-panel">
      <div className="row">
        <button type="button" onClick={() => void compute()} disabled={busy}>
          {all.length > 0 ? 'Compute metrics again' : 'Compute metrics'}
        </button>
        <span className="muted small-text" aria-live="polite">
          {busy ? `Computing on a small fixed sample of the ${kind === 'image' ? 'images' : 'rows'}…` : ''}
        </span>
      </div>
      {busy && <div className="progress indeterminate" role="progressbar" aria-label="Computing metrics" />}
      <ErrorMessage message={error} />
      {all.length === 0 && !busy && (
        <p className="muted" data-testid="metrics-empty">
          No metrics yet. They are computed on their own when training completes, which takes a few seconds; for a run that
          stopped early, compute them here.
        </p>
      )}
      {names.length > 0 && metrics && splitLine(metrics) && (
        <p className="muted small-text" data-testid="metrics-split">
          {splitLine(metrics)}
        </p>
      )}
      {models.length > 0 && <ModelsTable rows={models} />}
      {names.length > 0 && (
        <div className="table-scroll">
          <table className="runs metrics" data-testid="metrics-table">
            <caption className="visually-hidden">Final metrics</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Value</th>
                <th scope="col">What it says</th>
              </tr>
            </thead>
            <tbody>
              {names.map((name) => {
                const e = explainMetric(name)!;
                return (
                  <tr key={name}>
                    <th scope="row">{e.label}</th>
                    <td>{formatNumber(metrics?.[name], Number.isInteger(metrics?.[name]) ? 0 : 3)}</td>
                    <td className="small-text">
                      {e.explain} {betterText(e.better) && <span className="muted">({betterText(e.better)})</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {metrics && <PaperAnalysesPanel metrics={metrics} />}
    </div>
  );
}
