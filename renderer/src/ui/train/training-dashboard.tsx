import { useEffect } from 'react';
import { isActiveRun, resumableRunStatuses, type RunProgress, type RunSummary } from '../../../../shared/models';
import { isTrainingPhase } from '../../../../shared/progress';
import { isSeriesOfPhase } from '../../stores/series-data';
import { trainingStore } from '../../stores/training-store';
import { useStore } from '../../stores/use-store';
import { formatDuration, formatNumber, percent } from '../lib/format';
import { LossChart } from './loss-chart';
import { earlyStopNotes, isEarlyStopMark } from './early-stop-notes';
import { phaseLabels, stageChartCaptions } from './phase-labels';

export interface TrainingDashboardProps {
  readonly run: RunSummary;
  readonly progress: RunProgress | null;
  readonly onCancel: (runId: string) => void;
  /** Stop after a checkpoint, to resume later. */
  readonly onPause?: (runId: string) => void;
  readonly onResume?: (runId: string) => void;
}

/** A training run, live: stage and overall progress with time left, loss charts per stage, the preview strip. */
export function TrainingDashboard({ run, progress, onCancel, onPause, onResume }: TrainingDashboardProps) {
  const { series, preview } = useStore(trainingStore);
  useEffect(() => {
    void trainingStore.watch(run.id);
  }, [run.id]);
  const active = isActiveRun(run);
  // The service refuses a run that has no checkpoint yet and says so.
  const resumable = resumableRunStatuses.includes(run.status) && run.step > 0;
  const phase = progress?.phase ?? (run.status === 'queued' ? 'queued' : undefined);
  const training = progress && isTrainingPhase(progress.phase);
  const step = training ? progress.step : run.step;
  const stageSeries = (stage: string) => Object.fromEntries(Object.entries(series).filter(([name]) => isSeriesOfPhase(name, stage) && !name.endsWith('.loss') && !isEarlyStopMark(name)));
  return (
    <section className="panel" aria-labelledby="dashboard-heading">
      <div className="row spread">
        <h3 id="dashboard-heading">Training {run.kind === 'image' ? 'an image model' : 'a table model'}</h3>
        <div className="row">
          {active && onPause && (
            <button type="button" onClick={() => onPause(run.id)}>
              Pause
            </button>
          )}
          {resumable && onResume && (
            <button type="button" className="primary" onClick={() => onResume(run.id)}>
              Resume
            </button>
          )}
          {(active || run.status === 'paused') && (
            <button type="button" className="danger" onClick={() => onCancel(run.id)}>
              Cancel
            </button>
          )}
        </div>
      </div>
      <p aria-live="polite" data-testid="training-phase">
        {active
          ? phase
            ? (phaseLabels[phase] ?? phase)
            : 'Starting…'
          : run.status === 'paused'
            ? `Run paused at step ${run.step}: Resume continues from the last checkpoint`
            : `Run ${run.status}`}
        {run.error ? ` — ${run.error}` : ''}
      </p>
      <div className="progress" role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={run.totalSteps} aria-valuenow={step}>
        <div className="progress-fill" style={{ width: `${percent(step, run.totalSteps)}%` }} />
      </div>
      <dl className="stats">
        <div>
          <dt>Step</dt>
          <dd data-testid="training-step">
            {step} / {run.totalSteps}
          </dd>
        </div>
        <div>
          <dt>Speed</dt>
          <dd>{training ? `${progress.stepsPerSec.toFixed(1)} steps/s` : '—'}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>{active && training ? formatDuration(progress.etaSec) : '—'}</dd>
        </div>
        <div>
          <dt>Loss</dt>
          <dd>{formatNumber(training ? progress.losses['loss'] : run.lastLoss, 2)}</dd>
        </div>
        <div>
          <dt>Backend</dt>
          <dd data-testid="training-backend">
            {run.backend ?? 'starting…'}
            {run.backendAdapter && <div className="muted small-text">{run.backendAdapter}</div>}
          </dd>
        </div>
      </dl>
      {earlyStopNotes(series).map((note) => (
        <p key={note} className="muted" data-testid="early-stop-note">
          {note}
        </p>
      ))}
      <div className="charts">
        {Object.entries(stageChartCaptions).map(([stage, caption]) =>
          Object.keys(stageSeries(stage)).length > 0 ? (
            <figure key={stage}>
              <figcaption>{caption}</figcaption>
              <LossChart title={`${stage} loss terms`} series={stageSeries(stage)} />
            </figure>
          ) : null,
        )}
      </div>
      {preview && (
        <figure className="preview">
          <figcaption>Step {preview.step}: data (top), stage 1 (middle), stage 2 (bottom)</figcaption>
          <img src={preview.dataUrl} alt={`Preview at step ${preview.step}: real images, stage 1 and stage 2 reconstructions`} data-testid="training-preview" />
        </figure>
      )}
    </section>
  );
}
