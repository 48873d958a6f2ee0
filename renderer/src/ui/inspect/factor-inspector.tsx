import { useEffect, useState } from 'react';
import type { RunInspection, RunSummary } from '../../../../shared/models';
import { call, messageOf } from '../../api/studio';
import { ErrorMessage } from '../lib/error-message';
import { FactorActivityBars } from './factor-activity-bars';
import { FactorNameInput } from './factor-name-input';
import { MetricsPanel } from './metrics-panel';
import { useFactorNames } from './use-factor-names';
import { useLatestRequest } from './use-latest-request';

export interface FactorInspectorProps {
  readonly run: RunSummary;
}

const steps = 7;
const range = 2.5;

/**
 * What each factor does: a traversal grid (rows: factors, columns: values), stage 1 beside
 * stage 2, one slider per factor that redraws a single image as it moves, a name per factor,
 * per-factor KL bars (which factors are used) and the run's final metrics.
 */
export function FactorInspector({ run }: FactorInspectorProps) {
  const [grid, setGrid] = useState<RunInspection | null>(null);
  const [codes, setCodes] = useState<number[]>([]);
  const [edited, setEdited] = useState<RunInspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const factorNames = useFactorNames(run.id);
  const { label } = factorNames;

  useEffect(() => {
    let live = true;
    call('runs.traversal', { id: run.id, steps, range })
      .then((g) => {
        if (!live) return;
        setGrid(g);
        setCodes(new Array<number>(g.factors).fill(0));
      })
      .catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [run.id, run.step]);

  // Redraws while the slider moves: one decode in flight, the newest values next.
  const redraw = useLatestRequest(
    (c: number[]) => call('runs.decode', { id: run.id, c }),
    setEdited,
    (e) => setError(messageOf(e)),
  );
  const move = (k: number, value: number) => {
    const next = codes.map((v, i) => (i === k ? value : v));
    setCodes(next);
    redraw(next);
  };

  return (
    <section className="panel" aria-labelledby="inspector-heading">
      <h3 id="inspector-heading">Factors</h3>
      <ErrorMessage message={error} />
      {!grid && !error && <p className="muted">Drawing the factor traversals…</p>}
      {grid && (
        <>
          <p className="muted">
            Each row changes one factor (c0 at the top) from −{range} to +{range}, everything else fixed. Stage 2 adds the detail
            stage 1 leaves out{grid.stage2Trained ? '' : ' (stage 2 has not trained yet, so both sides show stage 1)'}.
          </p>
          <div className="traversals">
            {(['stage1', 'stage2'] as const).map((stage) => (
              <figure key={stage}>
                <figcaption>{stage === 'stage1' ? 'Stage 1 (factors only)' : 'Stage 2 (with detail)'}</figcaption>
                <div className="traversal-grid">
                  <ol className="row-labels" aria-label={`Rows of the ${stage === 'stage1' ? 'stage 1' : 'stage 2'} traversal`}>
                    {Array.from({ length: grid.factors }, (_, k) => (
                      <li key={k} data-testid={`traversal-label-${stage}`}>
                        {label(k)}
                      </li>
                    ))}
                  </ol>
                  <img
                    src={grid[stage]}
                    alt={`${stage === 'stage1' ? 'Stage 1' : 'Stage 2'} traversal: ${grid.factors} rows of ${grid.steps} images, one row per factor`}
                    data-testid={`traversal-${stage}`}
                  />
                </div>
              </figure>
            ))}
          </div>
          <h4>Edit one image</h4>
          <div className="editor">
            <div className="sliders">
              {codes.map((value, k) => (
                <div key={k} className="slider">
                  <FactorNameInput factor={k} name={factorNames.names[k] ?? ''} onSave={(name) => void factorNames.rename(k, name)} />
                  <input
                    type="range"
                    min={-3}
                    max={3}
                    step={0.1}
                    value={value}
                    aria-label={`Factor ${label(k)}${label(k) === `c${k}` ? '' : ` (c${k})`}`}
                    aria-valuetext={value.toFixed(1)}
                    onChange={(e) => move(k, Number(e.target.value))}
                  />
                  <output>{value.toFixed(1)}</output>
                </div>
              ))}
              <p className="muted small-text" aria-live="polite">
                {factorNames.status ?? 'Type a name for a factor once you see what it does; it is kept with the run.'}
              </p>
              <ErrorMessage message={factorNames.error} />
            </div>
            {edited && (
              <div className="edited">
                <figure>
                  <figcaption>Stage 1</figcaption>
                  <img src={edited.stage1} alt="Stage 1 output for the slider values" data-testid="edited-stage1" />
                </figure>
                <figure>
                  <figcaption>Stage 2</figcaption>
                  <img src={edited.stage2} alt="Stage 2 output for the slider values" data-testid="edited-stage2" />
                </figure>
              </div>
            )}
          </div>
        </>
      )}
      <h4>Which factors are used</h4>
      <FactorActivityBars runId={run.id} label={label} />
      <h4>Final metrics</h4>
      <MetricsPanel runId={run.id} kind="image" />
    </section>
  );
}
