import { useState } from 'react';
import { isActiveRun, type RunSummary } from '../../../../shared/models';
import { ConfirmDialog } from '../lib/confirm-dialog';
import { formatDate, formatNumber } from '../lib/format';
import { variantLabels } from '../../../../shared/baselines';

export interface RunTableProps {
  readonly runs: readonly RunSummary[];
  /** The run whose dashboard and inspector are shown above the table. */
  readonly openRunId?: string | null;
  /** Runs ticked for the side-by-side comparison. */
  readonly selected?: ReadonlySet<string>;
  readonly onToggleSelect?: (runId: string) => void;
  readonly onOpen?: (runId: string) => void;
  readonly onDelete?: (runId: string) => void;
}

/** The project's runs, newest first, as stored in the history: tick runs to compare, open one, delete one. */
export function RunTable({ runs, openRunId, selected, onToggleSelect, onOpen, onDelete }: RunTableProps) {
  const [confirming, setConfirming] = useState<RunSummary | null>(null);
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;
  const describe = (run: RunSummary) => `${run.baselineKind ? `${variantLabels[run.baselineKind]} baseline ` : ''}${run.kind} run of ${formatDate(run.createdAt)} (${run.status})`;
  return (
    <>
      <div className="table-scroll">
        <table className="runs">
          <caption className="visually-hidden">Runs of this project</caption>
          <thead>
            <tr>
              {onToggleSelect && <th scope="col">Compare</th>}
              <th scope="col">Started</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Steps</th>
              <th scope="col">Last loss</th>
              <th scope="col">Backend</th>
              {(onOpen || onDelete) && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-testid="run-row" className={run.id === openRunId ? 'open-run' : undefined}>
                {onToggleSelect && (
                  <td>
                    {run.kind !== 'check' && (
                      <input type="checkbox" aria-label={`Compare the ${describe(run)}`} checked={selected?.has(run.id) ?? false} onChange={() => onToggleSelect(run.id)} />
                    )}
                  </td>
                )}
                <td>{formatDate(run.createdAt)}</td>
                <td>
                  {run.kind}
                  {run.baselineKind && <div className="muted small-text">{variantLabels[run.baselineKind]} baseline</div>}
                </td>
                <td>
                  <span className={`status status-${run.status}`}>{run.status}</span>
                  {run.error && <div className="error small-text">{run.error}</div>}
                </td>
                <td>
                  {run.step} / {run.totalSteps}
                </td>
                <td>{formatNumber(run.lastLoss)}</td>
                <td>
                  {run.backend ?? '—'}
                  {run.backendAdapter && <div className="muted small-text">{run.backendAdapter}</div>}
                </td>
                {(onOpen || onDelete) && (
                  <td className="row">
                    {onOpen && run.kind !== 'check' && (
                      <button type="button" className="small" aria-label={`Open the ${describe(run)}`} aria-pressed={run.id === openRunId} onClick={() => onOpen(run.id)}>
                        Open
                      </button>
                    )}
                    {onDelete && (
                      <button
                        type="button"
                        className="small danger"
                        aria-label={`Delete the ${describe(run)}`}
                        disabled={isActiveRun(run)}
                        title={isActiveRun(run) ? 'Pause or cancel the run before deleting it' : undefined}
                        onClick={() => setConfirming(run)}
                      >
                        Delete
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {confirming && onDelete && (
        <ConfirmDialog
          title="Delete this run?"
          message={`The ${describe(confirming)} will be removed from the history with its checkpoints, previews and metrics. This cannot be undone.`}
          confirmLabel="Delete run"
          onConfirm={() => {
            onDelete(confirming.id);
            setConfirming(null);
          }}
          onCancel={() => setConfirming(null)}
        />
      )}
    </>
  );
}
