import type { Project, RunProgress, RunSummary } from '../../../../shared/models';
import { runsStore } from '../../stores/runs-store';
import { TrainingDashboard } from '../train/training-dashboard';
import { NewModelWizard } from '../wizard/new-model-wizard';
import { CheckRunPanel } from './check-run-panel';

export interface TrainTabProps {
  readonly project: Project;
  /** The open model run (the newest unless one was reopened), or null before the first. */
  readonly modelRun: RunSummary | null;
  /** The new-model wizard is offered while no model run is training. */
  readonly showSetup: boolean;
  readonly activeCheck: RunSummary | null;
  readonly progress: Readonly<Record<string, RunProgress>>;
  readonly onStarted: () => void;
}

/** The Train tab: the open run's dashboard, the new-model wizard when nothing trains, and the backend check. */
export function TrainTab({ project, modelRun, showSetup, activeCheck, progress, onStarted }: TrainTabProps) {
  return (
    <>
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
      {showSetup && <NewModelWizard key={project.id} project={project} onStarted={onStarted} />}
      <details className="panel">
        <summary>Check training on this computer</summary>
        <CheckRunPanel
          activeRun={activeCheck}
          progress={activeCheck ? (progress[activeCheck.id] ?? null) : null}
          onStart={(steps) => void runsStore.startCheck(project.id, steps)}
          onCancel={(runId) => void runsStore.cancel(runId)}
        />
      </details>
    </>
  );
}
