import type { ApiInput } from '../../../shared/api';
import type { ExportProgress, ExportSaveResult, ExportSummary } from '../../../shared/exports';
import type { SystemInfo } from '../../../shared/models';
import { call, messageOf, subscribe } from '../api/studio';
import { BaseStore } from './base-store';

export interface ExportsState {
  /** Newest first, across projects: Home's recent exports and each run's export history. */
  readonly exports: readonly ExportSummary[];
  /** Live progress per export id while it runs. */
  readonly progress: Readonly<Record<string, ExportProgress>>;
  readonly loaded: boolean;
  /** 'host': files are downloaded through the browser; 'electron': copied with a save dialog. */
  readonly mode: SystemInfo['mode'] | null;
  readonly error: string | null;
  /** Where the last Save as put a copy, or why it could not. */
  readonly saved: { readonly exportId: string; readonly message: string; readonly failed: boolean } | null;
}

/** Exports, kept live from the export.updated and export.progress events. */
export class ExportsStore extends BaseStore<ExportsState> {
  private started = false;

  constructor() {
    super({ exports: [], progress: {}, loaded: false, mode: null, error: null, saved: null });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    subscribe('export.updated', (summary) => this.upsert(summary));
    subscribe('export.progress', (p) => this.setState({ progress: { ...this.getState().progress, [p.exportId]: p } }));
    subscribe('projects.changed', ({ reason }) => {
      // A deleted project takes its exports with it.
      if (reason === 'deleted') void this.load();
    });
    void this.load();
  }

  async load(): Promise<void> {
    try {
      const [exports, info] = await Promise.all([call('exports.list', {}), this.getState().mode ? null : call('system.info', {})]);
      this.setState({ exports, loaded: true, error: null, ...(info ? { mode: info.mode } : {}) });
    } catch (error) {
      this.setState({ loaded: true, error: messageOf(error) });
    }
  }

  /** Starts an export; resolves with it, or throws the API's error for the form to show. */
  async begin(request: ApiInput<'exports.start'>): Promise<ExportSummary> {
    const summary = await call('exports.start', request);
    this.upsert(summary);
    return summary;
  }

  /** Stops a running export (it ends as failed: cancelled). */
  async cancel(exportId: string): Promise<void> {
    try {
      this.upsert(await call('exports.cancel', { id: exportId }));
    } catch (error) {
      this.setState({ error: messageOf(error) });
    }
  }

  /** Electron: copies the export where the user chooses. Host mode: the download address. */
  async saveAs(exportId: string): Promise<ExportSaveResult | null> {
    try {
      const result = await call('exports.saveAs', { id: exportId });
      if (result.kind === 'saved') this.setState({ saved: { exportId, message: `Saved a copy to ${result.path}`, failed: false } });
      return result;
    } catch (error) {
      this.setState({ saved: { exportId, message: messageOf(error), failed: true } });
      return null;
    }
  }

  private upsert(summary: ExportSummary): void {
    const exports = this.getState().exports;
    const known = exports.some((e) => e.id === summary.id);
    this.setState({ exports: known ? exports.map((e) => (e.id === summary.id ? summary : e)) : [summary, ...exports] });
  }
}

export const exportsStore = new ExportsStore();
