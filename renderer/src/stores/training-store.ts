import { terminalRunStatuses, type MetricSeries, type RunPreview } from '../../../shared/models';
import { isTrainingPhase, seriesName } from '../../../shared/progress';
import { call, messageOf, subscribe } from '../api/studio';
import { BaseStore } from './base-store';
import { phaseOfSeries, type SeriesData } from './series-data';

export interface TrainingState {
  readonly runId: string | null;
  /** Loss terms by name ('stage1.recon', 'stage2.kl', ...), appended live. */
  readonly series: Readonly<Record<string, SeriesData>>;
  readonly preview: RunPreview | null;
  readonly error: string | null;
}

/** The watched run's loss history and latest preview: loaded once, then kept live from events. */
export class TrainingStore extends BaseStore<TrainingState> {
  private started = false;

  constructor() {
    super({ runId: null, series: {}, preview: null, error: null });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    subscribe('run.progress', (p) => {
      if (p.runId !== this.getState().runId || !isTrainingPhase(p.phase)) return;
      const series = { ...this.getState().series };
      for (const [name, value] of Object.entries(p.losses)) {
        const key = seriesName(p.phase, name);
        const old = series[key] ?? { steps: [], values: [] };
        if (old.steps.at(-1) === p.step) continue;
        series[key] = { steps: [...old.steps, p.step], values: [...old.values, value] };
      }
      this.setState({ series });
    });
    // The final metrics (early-stop marks among them) are recorded when a run ends.
    subscribe('run.updated', (run) => {
      if (run.id === this.getState().runId && terminalRunStatuses.includes(run.status)) void this.loadMetrics(run.id);
    });
    subscribe('run.preview', ({ runId }) => {
      if (runId === this.getState().runId) void this.loadPreview(runId);
    });
  }

  async watch(runId: string): Promise<void> {
    if (this.getState().runId === runId) return;
    this.setState({ runId, series: {}, preview: null, error: null });
    try {
      await this.loadMetrics(runId);
      await this.loadPreview(runId);
    } catch (error) {
      this.setState({ error: messageOf(error) });
    }
  }

  /** The run's stored per-stage series, under the live ones already received. */
  private async loadMetrics(runId: string): Promise<void> {
    const metrics: MetricSeries[] = await call('runs.metrics', { id: runId });
    if (this.getState().runId !== runId) return;
    const series: Record<string, SeriesData> = {};
    for (const m of metrics) {
      if (!isTrainingPhase(phaseOfSeries(m.name))) continue;
      series[m.name] = { steps: m.points.map((p) => p.step), values: m.points.map((p) => p.value) };
    }
    this.setState({ series: { ...series, ...this.getState().series } });
  }

  private async loadPreview(runId: string): Promise<void> {
    const preview = await call('runs.preview', { id: runId });
    if (this.getState().runId === runId) this.setState({ preview });
  }
}

export const trainingStore = new TrainingStore();
