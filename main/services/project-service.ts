import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { isActiveRun, type Project, type ProjectKind } from '../../shared/models';
import type { Store } from '../store';
import type { ProjectRow } from '../store/project-repo';
import { notFound, StudioError } from './errors';
import type { EventBus } from './event-bus';
import type { ProjectFolders } from './project-folders';

export class ProjectService {
  constructor(
    private readonly store: Store,
    private readonly folders: ProjectFolders,
    private readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Project[] {
    return this.store.projects.list().map((row) => this.withLatestRun(row));
  }

  get(id: string): Project {
    const row = this.store.projects.get(id);
    if (!row) throw notFound('Project', id);
    return this.withLatestRun(row);
  }

  create(name: string, kind: ProjectKind): Project {
    this.assertNameFree(name);
    const now = this.now();
    const row: ProjectRow = { id: randomUUID(), name, kind, createdAt: now, updatedAt: now };
    mkdirSync(this.folders.projectDir(row.id), { recursive: true });
    this.store.projects.insert(row);
    this.bus.emit('projects.changed', { reason: 'created', id: row.id });
    return this.withLatestRun(row);
  }

  rename(id: string, name: string): Project {
    const current = this.get(id);
    if (current.name !== name) this.assertNameFree(name, id);
    this.store.projects.rename(id, name, this.now());
    this.bus.emit('projects.changed', { reason: 'renamed', id });
    return this.get(id);
  }

  /**
   * Deletes the project's rows and its folder (checkpoints, previews, exports kept inside it).
   * Refused while one of its runs trains or an export writes: their compute processes would go on
   * writing into the deleted folder and leave orphaned files. Refusing (rather than cancelling)
   * keeps a delete from silently ending hours of training; the message says what to stop.
   */
  delete(id: string): void {
    const project = this.get(id);
    const busyRuns = this.store.runs.listByProject(id).filter(isActiveRun);
    if (busyRuns.length > 0) {
      const what = busyRuns.length === 1 ? 'a run that is still in progress' : `${busyRuns.length} runs that are still in progress`;
      throw new StudioError('conflict', `"${project.name}" has ${what}: pause or cancel ${busyRuns.length === 1 ? 'it' : 'them'} before deleting the project.`);
    }
    if (this.store.exports.list(1000, id).some((e) => e.status === 'running')) {
      throw new StudioError('conflict', `"${project.name}" has an export still being written: wait for it to finish before deleting the project.`);
    }
    if (!this.store.projects.delete(id)) throw notFound('Project', id);
    rmSync(this.folders.projectDir(id), { recursive: true, force: true });
    this.bus.emit('projects.changed', { reason: 'deleted', id });
  }

  private assertNameFree(name: string, exceptId?: string): void {
    const existing = this.store.projects.findByName(name);
    if (existing && existing.id !== exceptId) {
      throw new StudioError('conflict', `A project named "${existing.name}" already exists; pick another name.`, 'name');
    }
  }

  private withLatestRun(row: ProjectRow): Project {
    return { ...row, latestRun: this.store.runs.latestByProject(row.id) ?? null };
  }
}
