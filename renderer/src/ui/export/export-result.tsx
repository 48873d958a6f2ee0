import { exportDownloadUrl, type ExportProgress, type ExportSummary } from '../../../../shared/exports';
import { exportsStore } from '../../stores/exports-store';
import { useStore } from '../../stores/use-store';
import { percent } from '../lib/format';
import { formatBytes } from './export-form';

export interface ExportResultProps {
  readonly summary: ExportSummary;
  readonly progress: ExportProgress | null;
}

const phaseLabels: Record<string, string> = { generate: 'Generating', package: 'Packing the files', report: 'Scoring the quality report' };

/** One export: a progress bar while it runs, the reason when it failed, its files with Download (host) or Save as (Electron) when done. */
export function ExportResult({ summary, progress }: ExportResultProps) {
  const { mode, saved } = useStore(exportsStore);
  if (summary.status === 'running') {
    const total = progress?.total ?? summary.request.n;
    const done = progress?.done ?? 0;
    const label = `${phaseLabels[progress?.phase ?? 'generate'] ?? 'Working'}: ${done.toLocaleString()} of ${total.toLocaleString()}`;
    return (
      <div className="progress-block" data-testid="export-running">
        <p>{label}</p>
        <div className="progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={label}>
          <div className="progress-fill" style={{ width: `${percent(done, total)}%` }} />
        </div>
        <button type="button" className="danger" onClick={() => void exportsStore.cancel(summary.id)}>
          Cancel export
        </button>
      </div>
    );
  }
  if (summary.status === 'failed') {
    return (
      <p className="error" role="alert" data-testid="export-failed">
        The export failed: {summary.error ?? 'no reason was given.'}
      </p>
    );
  }
  const note = saved?.exportId === summary.id ? saved : null;
  return (
    <div data-testid="export-done">
      <p>
        <span className="status status-completed">Done</span>: {summary.itemCount?.toLocaleString()} {summary.format.startsWith('png') ? 'images' : 'rows'},{' '}
        {formatBytes(summary.bytes)}, in the project folder under <code>{summary.path}</code>.
      </p>
      <ul className="export-files" aria-label="Exported files">
        {summary.entries.map((entry) => (
          <li key={entry.name} data-testid="export-file">
            <span className="export-file-name">
              {entry.name}
              {entry.kind === 'folder' ? '/' : ''}
            </span>
            <span className="muted small-text">
              {entry.kind === 'folder' ? `${entry.files} files, ` : ''}
              {formatBytes(entry.bytes)}
            </span>
            {mode === 'host' && (
              <a href={exportDownloadUrl(summary.id, entry.name)} download>
                Download {entry.name}
                {entry.kind === 'folder' ? ' (zip)' : ''}
              </a>
            )}
          </li>
        ))}
      </ul>
      <div className="row">
        {mode === 'host' ? (
          <a className="button" href={exportDownloadUrl(summary.id)} download>
            Download everything (zip)
          </a>
        ) : (
          <button type="button" onClick={() => void exportsStore.saveAs(summary.id)}>
            Save as…
          </button>
        )}
      </div>
      {note && (
        <p className={note.failed ? 'error' : 'muted'} role={note.failed ? 'alert' : 'status'}>
          {note.message}
        </p>
      )}
    </div>
  );
}
