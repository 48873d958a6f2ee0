import type { Project, ProjectKind } from '../../../shared/models';
import { call, messageOf, subscribe } from '../api/studio';
import { BaseStore } from './base-store';

export interface ProjectsState {
  readonly projects: readonly Project[];
  readonly loaded: boolean;
  readonly error: string | null;
}

/** The project list, kept fresh by the API's events (another window or the CLI may change it too). */
export class ProjectsStore extends BaseStore<ProjectsState> {
  private started = false;

  constructor() {
    super({ projects: [], loaded: false, error: null });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    subscribe('projects.changed', () => void this.load());
    subscribe('run.updated', () => void this.load());
    // A deleted run may have been a project's latest.
    subscribe('run.deleted', () => void this.load());
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.setState({ projects: await call('projects.list', {}), loaded: true, error: null });
    } catch (error) {
      this.setState({ loaded: true, error: messageOf(error) });
    }
  }

  async create(name: string, kind: ProjectKind): Promise<Project> {
    const project = await call('projects.create', { name, kind });
    await this.load();
    return project;
  }

  async rename(id: string, name: string): Promise<void> {
    await call('projects.rename', { id, name });
    await this.load();
  }

  async remove(id: string): Promise<void> {
    await call('projects.delete', { id });
    await this.load();
  }
}

export const projectsStore = new ProjectsStore();
