import { useEffect, useState } from 'react';
import type { Project, RunSummary } from '../../../../shared/models';
import { runsStore } from '../../stores/runs-store';
import { useStore } from '../../stores/use-store';
import { ErrorMessage } from '../lib/error-message';
import { formatDate } from '../lib/format';
import { CheckRunPanel } from './check-run-panel';
import { RunTable } from './run-table';
import { FactorInspector } from '../inspect/factor-inspector';
import { TabularInspector } from '../inspect/tabular-inspector';
import { ExportPanel } from '../export/export-panel';
import { RunCompare } from './run-compare';
import { TrainingDashboard } from '../train/training-dashboard';
import { NewModelWizard } from '../wizard/new-model-wizard';

export interface ProjectViewProps {
  readonly project: Project;
}

/**
 * One project: a model run (the newest, or one reopened from the history: live dashboard, then
 * its inspector), training setup, the backend check, and the run history with comparison.
 */
export function ProjectView({ project }: ProjectViewProps) {
  const { runs, progress, error, projectId } = useStore(runsStore);
  // The run reopened from the table (null: the newest), and the runs ticked for comparison.
  const [openRunId, setOpenRunId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    void runsStore.open(project.id);
    setOpenRunId(null);
    setSelected(new Set());
  }, [project.id]);
  const current = projectId === project.id ? runs : [];
  const isActive = (run: RunSummary) => run.status === 'queued' || run.status === 'running';
  const activeCheck = current.find((run) => run.kind === 'check' && isActive(run)) ?? null;
  // The dashboard shows the newest model run (live while it trains, its outcome after) unless another was reopened.
  const newestModelRun = current.find((run) => run.kind !== 'check') ?? null;
  const modelRun = current.find((run) => run.id === openRunId) ?? newestModelRun;
  const showSetup = !newestModelRun || !isActive(newestModelRun);
  const inspectable = modelRun && !isActive(modelRun) && modelRun.step > 0;
  const compared = current.filter((run) => selected.has(run.id)).map((run) => run.id);
  const toggle = (runId: string) => {
    const next = new Set(selected);
    if (!next.delete(runId)) next.add(runId);
    setSelected(next);
  };
  return (
    <main className="content" aria-labelledby="project-title">
      <header className="content-header">
        <h2 id="project-title">{project.name}</h2>
        <p className="muted">
          {project.kind === 'image' ? 'Image project' : 'Table project'} · created {formatDate(project.createdAt)}
        </p>
      </header>
      <ErrorMessage message={error} />
      {modelRun && (
        <TrainingDashboard
          key={`dashboard-${modelRun.id}`}
          run={modelRun}
          progress={progress[modelRun.id] ?? null}
          onCancel={(runId) => void runsStore.cancel(runId)}
          onPause={(runId) => void runsStore.pause(runId)}
          onResume={(runId) => void runsStore.resume(runId)}
        />
      )}
      {inspectable && modelRun.kind === 'image' && <FactorInspector key={`inspector-${modelRun.id}`} run={modelRun} />}
      {inspectable && modelRun.kind === 'tabular' && <TabularInspector key={`inspector-${modelRun.id}`} run={modelRun} />}
      {inspectable && modelRun.kind !== 'check' && <ExportPanel key={`export-${modelRun.id}`} run={modelRun} />}
      {showSetup && (
        <NewModelWizard
          key={project.id}
          project={project}
          onStarted={() => {
            setOpenRunId(null);
            void runsStore.open(project.id);
          }}
        />
      )}
      <details className="panel">
        <summary>Check training on this computer</summary>
        <CheckRunPanel
          activeRun={activeCheck}
          progress={activeCheck ? (progress[activeCheck.id] ?? null) : null}
          onStart={(steps) => void runsStore.startCheck(project.id, steps)}
          onCancel={(runId) => void runsStore.cancel(runId)}
        />
      </details>
      <section className="panel" aria-labelledby="runs-heading">
        <h3 id="runs-heading">Runs</h3>
        <p className="muted small-text">Open a run to see its dashboard and factors again; tick two or more to compare them.</p>
        <RunTable
          runs={current}
          openRunId={modelRun?.id ?? null}
          selected={selected}
          onToggleSelect={toggle}
          onOpen={(runId) => {
            setOpenRunId(runId);
            window.scrollTo({ top: 0, behavior: 'smooth' });
          }}
          onDelete={(runId) => {
            if (runId === openRunId) setOpenRunId(null);
            void runsStore.remove(runId);
          }}
        />
      </section>
      {compared.length >= 2 && (
        <section className="panel" aria-labelledby="compare-heading">
          <h3 id="compare-heading">Comparing {compared.length} runs</h3>
          <RunCompare runIds={compared} />
        </section>
      )}
    </main>
  );
}
