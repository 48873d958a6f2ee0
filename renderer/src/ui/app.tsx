import { useEffect, useState } from 'react';
import { exportsStore } from '../stores/exports-store';
import { projectsStore } from '../stores/projects-store';
import { runsStore } from '../stores/runs-store';
import { trainingStore } from '../stores/training-store';
import { useStore } from '../stores/use-store';
import { Home } from './home';
import { ProjectView } from './project/project-view';
import { ProjectSidebar } from './projects/project-sidebar';

const projectHash = /^#\/project\/([0-9a-f-]{36})$/;

function selectedFromHash(): string | null {
  return projectHash.exec(window.location.hash)?.[1] ?? null;
}

/** The app shell: project sidebar and the open project. The open project lives in the URL hash, so reload keeps it. */
export function App() {
  const [selectedId, setSelectedId] = useState<string | null>(selectedFromHash);
  const { projects, loaded } = useStore(projectsStore);

  useEffect(() => {
    projectsStore.start();
    runsStore.start();
    trainingStore.start();
    exportsStore.start();
    const onHash = () => setSelectedId(selectedFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const open = (id: string | null) => {
    window.location.hash = id ? `#/project/${id}` : '';
    setSelectedId(id);
  };

  const project = projects.find((p) => p.id === selectedId) ?? null;
  return (
    <div className="shell">
      <ProjectSidebar selectedId={selectedId} onOpen={open} />
      {project ? <ProjectView project={project} /> : loaded || !selectedId ? <Home /> : null}
    </div>
  );
}
