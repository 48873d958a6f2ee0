import { exportDownloadUrl } from '../../../../shared/exports';
import { exportsStore } from '../../stores/exports-store';
import { useStore } from '../../stores/use-store';
import { ErrorMessage } from '../lib/error-message';
import { formatDate } from '../lib/format';
import { formatBytes, formatLabels } from './export-form';

const shown = 10;

/** Home's list of the newest exports across projects, each with its download (host) or Save as (Electron). */
export function RecentExports() {
  const { exports, loaded, mode, error, saved } = useStore(exportsStore);
  return (
    <section className="panel" aria-labelledby="recent-exports-heading">
      <h3 id="recent-exports-heading">Recent exports</h3>
      <ErrorMessage message={error} />
      {loaded && exports.length === 0 && <p className="muted">No exports yet. Train a model in a project, then use Generate and export.</p>}
      {exports.length > 0 && (
        <div className="table-scroll">
          <table className="runs">
            <caption className="visually-hidden">The newest exports of all projects</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Project</th>
                <th scope="col">What</th>
                <th scope="col">Status</th>
                <th scope="col">Size</th>
                <th scope="col">Files</th>
              </tr>
            </thead>
            <tbody>
              {exports.slice(0, shown).map((e) => (
                <tr key={e.id} data-testid="recent-export">
                  <td>{formatDate(e.createdAt)}</td>
                  <td>
                    <a href={`#/project/${e.projectId}`}>{e.projectName}</a>
                  </td>
                  <td>
                    {(e.itemCount ?? e.request.n).toLocaleString()} {e.format.startsWith('png') ? 'images' : 'rows'} · {formatLabels[e.format]}
                  </td>
                  <td>
                    <span className={`status status-${e.status}`}>{e.status}</span>
                    {e.error && <div className="error small-text">{e.error}</div>}
                  </td>
                  <td>{formatBytes(e.bytes)}</td>
                  <td>
                    {e.status !== 'completed' ? (
                      '—'
                    ) : mode === 'host' ? (
                      <a href={exportDownloadUrl(e.id)} download aria-label={`Download the ${e.projectName} export of ${formatDate(e.createdAt)}`}>
                        Download (zip)
                      </a>
                    ) : (
                      <button type="button" onClick={() => void exportsStore.saveAs(e.id)}>
                        Save as…
                      </button>
                    )}
                    {saved?.exportId === e.id && <div className={saved.failed ? 'error small-text' : 'muted small-text'}>{saved.message}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
