import { useState, type FormEvent } from 'react';
import type { Project } from '../../../../shared/models';
import { messageOf } from '../../api/studio';
import { ConfirmDialog } from '../lib/confirm-dialog';
import { ErrorMessage } from '../lib/error-message';
import { nameProblem } from './project-name';

export interface ProjectRowProps {
  readonly project: Project;
  readonly selected: boolean;
  readonly onOpen: (id: string) => void;
  readonly onRename: (id: string, name: string) => Promise<void>;
  readonly onDelete: (id: string) => Promise<void>;
}

/** One project in the sidebar: open it, rename it in place, or delete it after a confirm. */
export function ProjectRow({ project, selected, onOpen, onRename, onDelete }: ProjectRowProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(project.name);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const saveName = async (event: FormEvent) => {
    event.preventDefault();
    const problem = nameProblem(draft);
    if (problem) return setError(problem);
    try {
      await onRename(project.id, draft.trim());
      setEditing(false);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (editing) {
    return (
      <li className="project-row editing">
        <form onSubmit={(e) => void saveName(e)} aria-label={`Rename ${project.name}`}>
          <label className="visually-hidden" htmlFor={`rename-${project.id}`}>
            New name for {project.name}
          </label>
          <input
            id={`rename-${project.id}`}
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setEditing(false);
                setDraft(project.name);
                setError(null);
              }
            }}
          />
          <div className="row">
            <button type="submit">Save</button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
          <ErrorMessage message={error} />
        </form>
      </li>
    );
  }

  return (
    <li className={selected ? 'project-row selected' : 'project-row'}>
      <button type="button" className="project-open" aria-current={selected ? 'page' : undefined} onClick={() => onOpen(project.id)}>
        <span className="project-name">{project.name}</span>
        <span className="project-meta">
          {project.kind === 'image' ? 'Images' : 'Table'}
          {project.latestRun ? ` · last run ${project.latestRun.status}` : ' · no runs yet'}
        </span>
      </button>
      <div className="project-actions">
        <button type="button" className="small" aria-label={`Rename ${project.name}`} onClick={() => setEditing(true)}>
          Rename
        </button>
        <button type="button" className="small danger" aria-label={`Delete ${project.name}`} onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      <ErrorMessage message={error} />
      {confirming && (
        <ConfirmDialog
          title={`Delete "${project.name}"?`}
          message="Its runs, metrics, checkpoints and exports inside the project folder are deleted too. This cannot be undone."
          confirmLabel="Delete project"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onDelete(project.id).catch((e: unknown) => setError(messageOf(e)));
          }}
        />
      )}
    </li>
  );
}
