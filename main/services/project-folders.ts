import path from 'node:path';
import { StudioError } from './errors';

/**
 * Where each project's files live: <dataDir>/projects/<projectId>/. Paths are built from ids
 * the database issued, never from user text, and every resolved path is checked to stay inside.
 */
export class ProjectFolders {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'projects');
  }

  projectDir(projectId: string): string {
    return this.confine(this.root, projectId);
  }

  runDir(projectId: string, runId: string): string {
    return this.confine(this.projectDir(projectId), path.join('runs', runId));
  }

  /** Resolves a relative path inside a base folder; refuses anything that escapes it. */
  confine(base: string, relative: string): string {
    const resolved = path.resolve(base, relative);
    const rel = path.relative(base, resolved);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new StudioError('invalid_input', `The path "${relative}" is outside the project folder.`);
    }
    return resolved;
  }
}
