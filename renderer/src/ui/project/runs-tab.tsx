import type { RunSummary } from '../../../../shared/models';
import { RunCompare } from './run-compare';
import { RunTable } from './run-table';

export interface RunsTabProps {
  readonly runs: readonly RunSummary[];
  readonly openRunId: string | null;
  /** Runs ticked for comparison. */
  readonly selected: ReadonlySet<string>;
  readonly onToggleSelect: (runId: string) => void;
  readonly onOpen: (runId: string) => void;
  readonly onDelete: (runId: string) => void;
}

/** The Runs tab: the project's history, and the ticked runs side by side. */
export function RunsTab({ runs, openRunId, selected, onToggleSelect, onOpen, onDelete }: RunsTabProps) {
  const compared = runs.filter((run) => selected.has(run.id)).map((run) => run.id);
  return (
    <>
      <section className="panel" aria-labelledby="runs-heading">
        <h3 id="runs-heading">Runs</h3>
        <p className="muted small-text">Open a run to see its dashboard and factors again; tick two or more to compare them.</p>
        <RunTable runs={runs} openRunId={openRunId} selected={selected} onToggleSelect={onToggleSelect} onOpen={onOpen} onDelete={onDelete} />
      </section>
      {compared.length >= 2 && (
        <section className="panel" aria-labelledby="compare-heading">
          <h3 id="compare-heading">Comparing {compared.length} runs</h3>
          <RunCompare runIds={compared} />
        </section>
      )}
    </>
  );
}
