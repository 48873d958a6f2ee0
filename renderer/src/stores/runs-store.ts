import type { RunProgress, RunSummary } from '../../../shared/models';
import { call, messageOf, subscribe } from '../api/studio';
import { BaseStore } from './base-store';

export interface RunsState {
  readonly projectId: string | null;
  readonly runs: readonly RunSummary[];
  /** The latest live progress per run id; survives leaving and reopening the project. */
  readonly progress: Readonly<Record<string, RunProgress>>;
  readonly error: string | null;
}

/** Runs of the open project, with live progress from the compute process. */
export class RunsStore extends BaseStore<RunsState> {
  private started = false;

  constructor() {
    super({ projectId: null, runs: [], progress: {}, error: null });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    subscribe('run.progress', (progress) => {
      const { runs } = this.getState();
      const loss = progress.losses['loss'] ?? null;
      this.setState({
        progress: { ...this.getState().progress, [progress.runId]: progress },
        // Keep the table's step and loss as live as the progress panel.
        runs: runs.map((r) => (r.id === progress.runId ? { ...r, step: progress.step, lastLoss: loss ?? r.lastLoss } : r)),
      });
    });
    subscribe('run.updated', (run) => {
      if (run.projectId !== this.getState().projectId) return;
      const runs = this.getState().runs;
      const known = runs.some((r) => r.id === run.id);
      this.setState({ runs: known ? runs.map((r) => (r.id === run.id ? run : r)) : [run, ...runs] });
    });
    subscribe('run.deleted', ({ id }) => this.setState({ runs: this.getState().runs.filter((r) => r.id !== id) }));
  }

  async open(projectId: string): Promise<void> {
    this.setState({ projectId, runs: [], error: null });
    try {
      const runs = await call('runs.list', { projectId });
      if (this.getState().projectId === projectId) this.setState({ runs });
    } catch (error) {
      this.setState({ error: messageOf(error) });
    }
  }

  async startCheck(projectId: string, steps: number): Promise<void> {
    try {
      await call('runs.startCheck', { projectId, steps });
      this.setState({ error: null });
    } catch (error) {
      this.setState({ error: messageOf(error) });
    }
  }

  async cancel(runId: string): Promise<void> {
    await this.act(() => call('runs.cancel', { id: runId }));
  }

  /** Stops a run after a checkpoint; resume() continues from it. */
  async pause(runId: string): Promise<void> {
    await this.act(() => call('runs.pause', { id: runId }));
  }

  async resume(runId: string): Promise<void> {
    await this.act(() => call('runs.resume', { id: runId }));
  }

  /** Deletes a run and its files; the list drops it when the 'run.deleted' event arrives (or now). */
  async remove(runId: string): Promise<void> {
    await this.act(async () => {
      await call('runs.delete', { id: runId });
      this.setState({ runs: this.getState().runs.filter((r) => r.id !== runId) });
    });
  }

  private async act(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      this.setState({ error: null });
    } catch (error) {
      this.setState({ error: messageOf(error) });
    }
  }
}

export const runsStore = new RunsStore();
