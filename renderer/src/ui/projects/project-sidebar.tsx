import type { ProjectKind } from '../../../../shared/models';
import { projectsStore } from '../../stores/projects-store';
import { useStore } from '../../stores/use-store';
import { ErrorMessage } from '../lib/error-message';
import { CreateProjectForm } from './create-project-form';
import { ProjectRow } from './project-row';

export interface ProjectSidebarProps {
  readonly selectedId: string | null;
  readonly onOpen: (id: string | null) => void;
}

/** The project list with create, rename and delete. */
export function ProjectSidebar({ selectedId, onOpen }: ProjectSidebarProps) {
  const { projects, loaded, error } = useStore(projectsStore);
  const create = async (name: string, kind: ProjectKind) => {
    const project = await projectsStore.create(name, kind);
    onOpen(project.id);
  };
  return (
    <nav className="sidebar" aria-label="Projects">
      <h1 className="brand">Factor Studio</h1>
      <CreateProjectForm onCreate={create} />
      <h2 className="sidebar-heading">Projects</h2>
      <ErrorMessage message={error} />
      {loaded && projects.length === 0 && <p className="muted">No projects yet. Create one above.</p>}
      <ul className="project-list">
        {projects.map((project) => (
          <ProjectRow
            key={project.id}
            project={project}
            selected={project.id === selectedId}
            onOpen={onOpen}
            onRename={(id, name) => projectsStore.rename(id, name)}
            onDelete={async (id) => {
              await projectsStore.remove(id);
              if (id === selectedId) onOpen(null);
            }}
          />
        ))}
      </ul>
    </nav>
  );
}
