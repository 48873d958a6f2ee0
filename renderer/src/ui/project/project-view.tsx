import { useEffect } from 'react';
import type { Project, RunSummary } from '../../../../shared/models';
import { runsStore } from '../../stores/runs-store';
import { useStore } from '../../stores/use-store';
import { ErrorMessage } from '../lib/error-message';
import { formatDate } from '../lib/format';
import { CheckRunPanel } from './check-run-panel';
import { RunTable } from './run-table';
import { FactorInspector } from '../inspect/factor-inspector';
import { TrainPanel } from '../train/train-panel';
import { TrainingDashboard } from '../train/training-dashboard';

export interface ProjectViewProps {
  readonly project: Project;
}

/** One project: the newest model run (live dashboard, then its factors), training setup, the backend check and the run history. */
export function ProjectView({ project }: ProjectViewProps) {
  const { runs, progress, error, projectId } = useStore(runsStore);
  useEffect(() => {
    void runsStore.open(project.id);
  }, [project.id]);
  const current = projectId === project.id ? runs : [];
  const isActive = (run: RunSummary) => run.status === 'queued' || run.status === 'running';
  const activeCheck = current.find((run) => run.kind === 'check' && isActive(run)) ?? null;
  // The dashboard shows the newest model run: live while it trains, its outcome after.
  const modelRun = current.find((run) => run.kind !== 'check') ?? null;
  const showSetup = !modelRun || !isActive(modelRun);
  return (
    <main className="content" aria-labelledby="project-title">
      <header className="content-header">
        <h2 id="project-title">{project.name}</h2>
        <p className="muted">
          {project.kind === 'image' ? 'Image project' : 'Table project'} · created {formatDate(project.createdAt)}
        </p>
      </header>
      <ErrorMessage message={error} />
      {modelRun && <TrainingDashboard run={modelRun} progress={progress[modelRun.id] ?? null} onCancel={(runId) => void runsStore.cancel(runId)} />}
      {modelRun?.kind === 'image' && !isActive(modelRun) && modelRun.step > 0 && <FactorInspector key={modelRun.id} run={modelRun} />}
      {showSetup && (
        <TrainPanel key={project.id} project={project} onStarted={() => void runsStore.open(project.id)} />
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
        <RunTable runs={current} />
      </section>
    </main>
  );
}
