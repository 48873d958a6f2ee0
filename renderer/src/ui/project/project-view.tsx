import { useEffect } from 'react';
import type { Project } from '../../../../shared/models';
import { runsStore } from '../../stores/runs-store';
import { useStore } from '../../stores/use-store';
import { ErrorMessage } from '../lib/error-message';
import { formatDate } from '../lib/format';
import { CheckRunPanel } from './check-run-panel';
import { RunTable } from './run-table';

export interface ProjectViewProps {
  readonly project: Project;
}

/** One project: its runs and the training check. */
export function ProjectView({ project }: ProjectViewProps) {
  const { runs, progress, error, projectId } = useStore(runsStore);
  useEffect(() => {
    void runsStore.open(project.id);
  }, [project.id]);
  const current = projectId === project.id ? runs : [];
  const activeRun = current.find((run) => run.status === 'queued' || run.status === 'running') ?? null;
  return (
    <main className="content" aria-labelledby="project-title">
      <header className="content-header">
        <h2 id="project-title">{project.name}</h2>
        <p className="muted">
          {project.kind === 'image' ? 'Image project' : 'Table project'} · created {formatDate(project.createdAt)}
        </p>
      </header>
      <ErrorMessage message={error} />
      <CheckRunPanel
        activeRun={activeRun}
        progress={activeRun ? (progress[activeRun.id] ?? null) : null}
        onStart={(steps) => void runsStore.startCheck(project.id, steps)}
        onCancel={(runId) => void runsStore.cancel(runId)}
      />
      <section className="panel" aria-labelledby="runs-heading">
        <h3 id="runs-heading">Runs</h3>
        <RunTable runs={current} />
      </section>
    </main>
  );
}
