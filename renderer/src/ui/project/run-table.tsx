import type { RunSummary } from '../../../../shared/models';
import { formatDate, formatNumber } from '../lib/format';

export interface RunTableProps {
  readonly runs: readonly RunSummary[];
}

/** The project's runs, newest first, as stored in the history. */
export function RunTable({ runs }: RunTableProps) {
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;
  return (
    <table className="runs">
      <caption className="visually-hidden">Runs of this project</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Steps</th>
          <th scope="col">Last loss</th>
          <th scope="col">Backend</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} data-testid="run-row">
            <td>{formatDate(run.createdAt)}</td>
            <td>{run.kind}</td>
            <td>
              <span className={`status status-${run.status}`}>{run.status}</span>
              {run.error && <div className="error small-text">{run.error}</div>}
            </td>
            <td>
              {run.step} / {run.totalSteps}
            </td>
            <td>{formatNumber(run.lastLoss)}</td>
            <td>{run.backend ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
