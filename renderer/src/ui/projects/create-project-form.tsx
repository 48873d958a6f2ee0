import { useState, type FormEvent } from 'react';
import type { ProjectKind } from '../../../../shared/models';
import { messageOf } from '../../api/studio';
import { ErrorMessage } from '../lib/error-message';
import { nameProblem } from './project-name';

export interface CreateProjectFormProps {
  readonly onCreate: (name: string, kind: ProjectKind) => Promise<void>;
}

/** Name and kind of a new project; the name is checked with the same rules as the API. */
export function CreateProjectForm({ onCreate }: CreateProjectFormProps) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ProjectKind>('image');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = nameProblem(name);
    if (problem) return setError(problem);
    setBusy(true);
    try {
      await onCreate(name.trim(), kind);
      setName('');
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="create-project" onSubmit={(e) => void submit(e)} aria-label="Create a project">
      <label htmlFor="new-project-name">New project</label>
      <input
        id="new-project-name"
        value={name}
        placeholder="Project name"
        maxLength={120}
        onChange={(e) => {
          setName(e.target.value);
          if (error) setError(null);
        }}
        aria-invalid={error !== null}
        aria-describedby={error ? 'new-project-error' : undefined}
      />
      <div className="row">
        <label className="visually-hidden" htmlFor="new-project-kind">
          Data kind
        </label>
        <select id="new-project-kind" value={kind} onChange={(e) => setKind(e.target.value as ProjectKind)}>
          <option value="image">Images</option>
          <option value="tabular">Table (CSV)</option>
        </select>
        <button type="submit" disabled={busy}>
          Create
        </button>
      </div>
      <div id="new-project-error">
        <ErrorMessage message={error} />
      </div>
    </form>
  );
}
