import { isActiveRun, type RunSummary } from '../../../../shared/models';
import type { ProjectTab } from './project-tab';

export interface NoModelNoteProps {
  /** What the tab would show: 'factors' or 'export'. */
  readonly tab: 'factors' | 'export';
  /** The open model run, if any (training, or stopped before it learned anything). */
  readonly run: RunSummary | null;
  readonly onGo: (tab: ProjectTab) => void;
}

/** Stands in for the factor inspector or the export form while no trained model is open, and says how to get one. */
export function NoModelNote({ tab, run, onGo }: NoModelNoteProps) {
  const what = tab === 'factors' ? 'The factors the model found' : 'Generating and exporting synthetic data';
  const [message, action, target]: [string, string, ProjectTab] = !run
    ? [`${what} will be here once a model is trained. Train one first.`, 'Train a model', 'train']
    : isActiveRun(run)
      ? [`The open run is still training. ${what} will be here once it finishes or is paused.`, 'Watch the training', 'train']
      : [`The open run (${run.status}) stopped before it learned anything, so there is no model to use. Open another run or train a new one.`, 'See the runs', 'runs'];
  return (
    <section className="panel empty-tab" data-testid={`no-model-${tab}`}>
      <p>{message}</p>
      <button type="button" onClick={() => onGo(target)}>
        {action}
      </button>
    </section>
  );
}
