import { useEffect, useState } from 'react';
import { isActiveRun, type Project, type RunSummary } from '../../../../shared/models';
import { runsStore } from '../../stores/runs-store';
import { useStore } from '../../stores/use-store';
import { ErrorMessage } from '../lib/error-message';
import { formatDate } from '../lib/format';
import { Tabs, type Tab } from '../lib/tabs';
import { FactorInspector } from '../inspect/factor-inspector';
import { TabularInspector } from '../inspect/tabular-inspector';
import { ExportPanel } from '../export/export-panel';
import { NoModelNote } from './no-model-note';
import { rememberedOpenRun, rememberOpenRun } from './open-run-memory';
import { useProjectTab, type ProjectTab } from './project-tab';
import { RunsTab } from './runs-tab';
import { TrainTab } from './train-tab';

export interface ProjectViewProps {
  readonly project: Project;
}

/** A model run with weights to look at: stopped (completed, paused...) after at least one step. */
const isInspectable = (run: RunSummary) => run.kind !== 'check' && !isActiveRun(run) && run.step > 0;
const tabsId = 'project';

/**
 * One project, in tabs: Train (the open run's dashboard, the new-model wizard, the backend
 * check), Factors and Export (for the open run once it has a model), Runs (history, compare).
 * The open run is the newest model run unless one was reopened from the Runs tab.
 */
export function ProjectView({ project }: ProjectViewProps) {
  const { runs, progress, error, projectId } = useStore(runsStore);
  // The run reopened from the table (null: the newest; kept across a reload), and the runs ticked for comparison.
  const [openRunId, setOpenRunIdState] = useState<string | null>(() => rememberedOpenRun(project.id));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [tab, setTab] = useProjectTab(project.id);
  const setOpenRunId = (runId: string | null) => {
    setOpenRunIdState(runId);
    rememberOpenRun(project.id, runId);
  };
  useEffect(() => {
    void runsStore.open(project.id);
    setOpenRunIdState(rememberedOpenRun(project.id));
    setSelected(new Set());
  }, [project.id]);
  const current = projectId === project.id ? runs : [];
  const activeCheck = current.find((run) => run.kind === 'check' && isActiveRun(run)) ?? null;
  // The newest model run (live while it trains, its outcome after) unless another was reopened.
  // Baselines queued behind an MS-VAE run do not take its place: they are followed in the Runs tab.
  const newestModelRun = current.find((run) => run.kind !== 'check' && run.baselineOf === null) ?? null;
  const modelRun = current.find((run) => run.id === openRunId) ?? newestModelRun;
  const inspectable = modelRun && isInspectable(modelRun) ? modelRun : null;

  const show = (next: ProjectTab) => {
    setTab(next);
    // The control that asked (in a panel now hidden) would take focus with it: give it to the tab.
    requestAnimationFrame(() => document.getElementById(`${tabsId}-tab-${next}`)?.focus());
  };
  const toggle = (runId: string) => {
    const next = new Set(selected);
    if (!next.delete(runId)) next.add(runId);
    setSelected(next);
  };
  const openRun = (runId: string) => {
    setOpenRunId(runId);
    const run = current.find((r) => r.id === runId);
    show(run && isInspectable(run) ? 'factors' : 'train');
  };

  const tabs: Tab<ProjectTab>[] = [
    {
      id: 'train',
      label: (
        <>
          Train
          {modelRun && isActiveRun(modelRun) && (
            <>
              <span className="tab-live" aria-hidden="true" />
              <span className="visually-hidden">(training now)</span>
            </>
          )}
        </>
      ),
      panel: (
        <TrainTab
          project={project}
          modelRun={modelRun}
          showSetup={!newestModelRun || !isActiveRun(newestModelRun)}
          activeCheck={activeCheck}
          progress={progress}
          onStarted={() => {
            setOpenRunId(null);
            setTab('train');
            void runsStore.open(project.id);
          }}
        />
      ),
    },
    {
      id: 'factors',
      label: 'Factors',
      panel: !inspectable ? (
        <NoModelNote tab="factors" run={modelRun} onGo={show} />
      ) : inspectable.kind === 'image' ? (
        <FactorInspector key={`inspector-${inspectable.id}`} run={inspectable} />
      ) : (
        <TabularInspector key={`inspector-${inspectable.id}`} run={inspectable} />
      ),
    },
    {
      id: 'export',
      label: 'Export',
      panel: inspectable ? <ExportPanel key={`export-${inspectable.id}`} run={inspectable} /> : <NoModelNote tab="export" run={modelRun} onGo={show} />,
    },
    {
      id: 'runs',
      label: (
        <>
          Runs{current.length > 0 && <span className="tab-count">{current.length}</span>}
        </>
      ),
      panel: (
        <RunsTab
          runs={current}
          openRunId={modelRun?.id ?? null}
          selected={selected}
          onToggleSelect={toggle}
          onOpen={openRun}
          onDelete={(runId) => {
            if (runId === openRunId) setOpenRunId(null);
            void runsStore.remove(runId);
          }}
        />
      ),
    },
  ];

  return (
    <main className="content" aria-labelledby="project-title">
      <header className="content-header">
        <h2 id="project-title">{project.name}</h2>
        <p className="muted">
          {project.kind === 'image' ? 'Image project' : 'Table project'} · created {formatDate(project.createdAt)}
        </p>
        {modelRun && (
          <p className="open-run-line small-text" data-testid="open-run">
            <span className="muted">Open run:</span> {modelRun.kind === 'image' ? 'image' : 'table'} run of {formatDate(modelRun.createdAt)} ·{' '}
            <span className={`status status-${modelRun.status}`}>{modelRun.status}</span>
            {openRunId !== null && modelRun.id !== newestModelRun?.id && (
              <button type="button" className="small" onClick={() => setOpenRunId(null)}>
                Show the newest run
              </button>
            )}
          </p>
        )}
      </header>
      <ErrorMessage message={error} />
      <Tabs key={project.id} label="Project" idPrefix={tabsId} tabs={tabs} selected={tab} onSelect={setTab} />
    </main>
  );
}
