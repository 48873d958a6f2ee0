import { useEffect, useState } from 'react';
import type { RunSummary, TabularInspection } from '../../../../shared/models';
import { call, messageOf } from '../../api/studio';
import { ErrorMessage } from '../lib/error-message';
import { ColumnChart } from './column-chart';
import { describeEffect, factorReading } from './column-effect-text';
import { CorrelationHeatmap } from './correlation-heatmap';
import { FactorNameInput } from './factor-name-input';
import { MetricsPanel } from './metrics-panel';
import { TargetPredictionTable } from './target-prediction';
import { useFactorNames } from './use-factor-names';

export interface TabularInspectorProps {
  readonly run: RunSummary;
}

/**
 * What a table model's factors do: for each factor, how moving it from low to high moves each
 * column's mean or category shares; the real vs synthetic charts and correlations; final metrics.
 */
export function TabularInspector({ run }: TabularInspectorProps) {
  const [inspection, setInspection] = useState<TabularInspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const factorNames = useFactorNames(run.id);
  useEffect(() => {
    let live = true;
    setInspection(null);
    call('runs.inspectTabular', { id: run.id })
      .then((i) => live && setInspection(i))
      .catch((e: unknown) => live && setError(`Could not inspect this model: ${messageOf(e)}. The inspector rereads the training file; check that it is still there.`));
    return () => {
      live = false;
    };
  }, [run.id, run.step]);

  const low = inspection?.values[0] ?? -2;
  const high = inspection?.values.at(-1) ?? 2;
  return (
    <section className="panel" aria-labelledby="table-inspector-heading">
      <h3 id="table-inspector-heading">Factors</h3>
      <ErrorMessage message={error} />
      {!inspection && !error && (
        <>
          <p className="muted">Drawing synthetic rows for each factor…</p>
          <div className="progress indeterminate" role="progressbar" aria-label="Inspecting the model" />
        </>
      )}
      {inspection && (
        <>
          <p className="muted">
            Each row moves one factor from {low} to {high} with the others drawn at random, and shows how each column changes
            {inspection.stage2Trained ? '' : ' (stage 2 has not trained, so these are stage 1 rows)'}. Bold cells are the larger moves.
          </p>
          <div className="table-scroll">
            <table className="runs effects" data-testid="factor-effects">
              <caption className="visually-hidden">Effect of each factor on each column</caption>
              <thead>
                <tr>
                  <th scope="col">Factor</th>
                  {inspection.effects[0]?.columns.map((c) => (
                    <th scope="col" key={c.column}>
                      {c.column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {inspection.effects.map((effect) => (
                  <tr key={effect.factor} data-testid="factor-effect-row">
                    <th scope="row">
                      <FactorNameInput factor={effect.factor} name={factorNames.names[effect.factor] ?? ''} onSave={(name) => void factorNames.rename(effect.factor, name)} />
                    </th>
                    {effect.columns.map((c) => {
                      const { text, strength } = describeEffect(c);
                      return (
                        <td key={c.column} className={strength >= 0.5 ? 'strong-effect' : undefined}>
                          {text}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="factor-readings small-text" data-testid="factor-readings">
            {inspection.effects.map((effect) => (
              <li key={effect.factor}>{factorReading(factorNames.label(effect.factor), effect.columns)}</li>
            ))}
          </ul>
          <p className="muted small-text" aria-live="polite">
            {factorNames.status ?? 'Name a factor once you see what it does; the name is kept with the run.'}
          </p>
          <ErrorMessage message={factorNames.error} />

          {inspection.targetPrediction && <TargetPredictionTable prediction={inspection.targetPrediction} />}

          <h4>Real vs synthetic, column by column</h4>
          <p className="legend small-text">
            <span className="swatch bar-real" aria-hidden="true" /> real ({inspection.rows.real} rows) <span className="swatch bar-synthetic" aria-hidden="true" /> synthetic (
            {inspection.rows.synthetic} rows)
          </p>
          <div className="column-charts">
            {inspection.charts.map((chart) => (
              <ColumnChart key={chart.column} chart={chart} />
            ))}
          </div>

          {inspection.correlations.columns.length >= 2 && (
            <>
              <h4>Correlations between numeric columns</h4>
              <p className="muted small-text">Red: rise together; blue: one rises as the other falls. The two matrices should look alike.</p>
              <div className="heatmaps">
                <CorrelationHeatmap title="Real rows" columns={inspection.correlations.columns} matrix={inspection.correlations.real} />
                <CorrelationHeatmap title="Synthetic rows" columns={inspection.correlations.columns} matrix={inspection.correlations.synthetic} />
              </div>
            </>
          )}
        </>
      )}
      <h4>Final metrics</h4>
      <MetricsPanel runId={run.id} kind="tabular" />
    </section>
  );
}
