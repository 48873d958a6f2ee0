import { useEffect, useState } from 'react';
import { exportsStore } from '../stores/exports-store';
import { projectsStore } from '../stores/projects-store';
import { runsStore } from '../stores/runs-store';
import { trainingStore } from '../stores/training-store';
import { useStore } from '../stores/use-store';
import { Home } from './home';
import { projectHashOf, projectIdFromHash } from './project/project-tab';
import { ProjectView } from './project/project-view';
import { ProjectSidebar } from './projects/project-sidebar';

function selectedFromHash(): string | null {
  return projectIdFromHash(window.location.hash);
}

/** The app shell: project sidebar and the open project. The open project (and its tab) live in the URL hash, so reload keeps them. */
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
    // Choosing the open project again keeps its tab.
    if (id !== selectedFromHash()) window.location.hash = id ? projectHashOf(id) : '';
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
