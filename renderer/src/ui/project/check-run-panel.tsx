import { useState } from 'react';
import type { RunProgress, RunSummary } from '../../../../shared/models';
import { formatDuration, formatNumber, percent } from '../lib/format';

export interface CheckRunPanelProps {
  /** The run in progress (queued or running), if any. */
  readonly activeRun: RunSummary | null;
  readonly progress: RunProgress | null;
  readonly onStart: (steps: number) => void;
  readonly onCancel: (runId: string) => void;
}

/**
 * Starts the backend check (a tiny model trained in the compute process) and shows its
 * live progress: step, loss, speed, time left; Cancel stops it.
 */
export function CheckRunPanel({ activeRun, progress, onStart, onCancel }: CheckRunPanelProps) {
  const [steps, setSteps] = useState(2000);
  const running = activeRun !== null;
  const step = progress?.step ?? activeRun?.step ?? 0;
  const total = progress?.totalSteps ?? activeRun?.totalSteps ?? steps;
  return (
    <section className="panel" aria-labelledby="check-heading">
      <h3 id="check-heading">Training check</h3>
      <p className="muted">
        Trains a tiny network in the background compute process to confirm training works on this computer, and shows
        which compute backend it uses.
      </p>
      <div className="row">
        <label htmlFor="check-steps">Steps</label>
        <input
          id="check-steps"
          type="number"
          min={1}
          max={1000000}
          value={steps}
          disabled={running}
          onChange={(e) => setSteps(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
        />
        {running ? (
          <button type="button" className="danger" onClick={() => onCancel(activeRun.id)}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => onStart(steps)}>
            Start training check
          </button>
        )}
      </div>
      {running && (
        <div className="progress-block" aria-live="polite">
          <div
            className="progress"
            role="progressbar"
            aria-label="Training progress"
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={step}
          >
            <div className="progress-fill" style={{ width: `${percent(step, total)}%` }} />
          </div>
          <dl className="stats">
            <div>
              <dt>Status</dt>
              <dd data-testid="run-status">{activeRun.status}</dd>
            </div>
            <div>
              <dt>Step</dt>
              <dd data-testid="run-step">
                {step} / {total}
              </dd>
            </div>
            <div>
              <dt>Loss</dt>
              <dd data-testid="run-loss">{formatNumber(progress?.losses['loss'] ?? activeRun.lastLoss)}</dd>
            </div>
            <div>
              <dt>Speed</dt>
              <dd>{progress ? `${progress.stepsPerSec.toFixed(0)} steps/s` : '—'}</dd>
            </div>
            <div>
              <dt>Time left</dt>
              <dd>{formatDuration(progress?.etaSec ?? null)}</dd>
            </div>
            <div>
              <dt>Backend</dt>
              <dd data-testid="run-backend">{activeRun.backend ?? 'starting…'}</dd>
            </div>
          </dl>
        </div>
      )}
    </section>
  );
}
