import { useEffect, useRef, useState } from 'react';
import type { RunInspection, RunSummary } from '../../../../shared/models';
import { call, messageOf } from '../../api/studio';
import { ErrorMessage } from '../lib/error-message';

export interface FactorInspectorProps {
  readonly run: RunSummary;
}

const steps = 7;
const range = 2.5;

/**
 * What each factor does: a traversal grid (rows: factors, columns: values), stage 1 beside
 * stage 2, and one slider per factor that redraws a single image as it moves.
 */
export function FactorInspector({ run }: FactorInspectorProps) {
  const [grid, setGrid] = useState<RunInspection | null>(null);
  const [codes, setCodes] = useState<number[]>([]);
  const [edited, setEdited] = useState<RunInspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(0);

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

  const move = (k: number, value: number) => {
    const next = codes.map((v, i) => (i === k ? value : v));
    setCodes(next);
    clearTimeout(pending.current);
    // Redraw once the slider rests for a moment; only the newest answer is shown.
    pending.current = setTimeout(() => {
      const ticket = ++latest.current;
      call('runs.decode', { id: run.id, c: next })
        .then((r) => ticket === latest.current && setEdited(r))
        .catch((e: unknown) => setError(messageOf(e)));
    }, 200);
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
            <figure>
              <figcaption>Stage 1 (factors only)</figcaption>
              <img src={grid.stage1} alt={`Stage 1 traversal: ${grid.factors} rows of ${grid.steps} images`} data-testid="traversal-stage1" />
            </figure>
            <figure>
              <figcaption>Stage 2 (with detail)</figcaption>
              <img src={grid.stage2} alt={`Stage 2 traversal: ${grid.factors} rows of ${grid.steps} images`} data-testid="traversal-stage2" />
            </figure>
          </div>
          <h4>Edit one image</h4>
          <div className="editor">
            <div className="sliders">
              {codes.map((value, k) => (
                <label key={k} className="slider">
                  <span>Factor c{k}</span>
                  <input type="range" min={-3} max={3} step={0.1} value={value} aria-valuetext={value.toFixed(1)} onChange={(e) => move(k, Number(e.target.value))} />
                  <output>{value.toFixed(1)}</output>
                </label>
              ))}
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
    </section>
  );
}
