import type { ImageInspectJobSpec } from '../../shared/compute-protocol';
import type { RunInspection } from '../../shared/models';
import type { JobRunner } from '../jobs/job-runner';
import type { Store } from '../store';
import { notFound, StudioError } from './errors';
import type { ProjectFolders } from './project-folders';

let requests = 0;

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

/** The factor inspector's pictures for a trained image run, made in a quick-job compute process. */
export class InspectService {
  constructor(
    private readonly store: Store,
    private readonly folders: ProjectFolders,
    private readonly quickJobs: JobRunner,
  ) {}

  traversal(runId: string, steps: number, range: number): Promise<RunInspection> {
    return this.run(runId, { action: 'traversal', steps, range });
  }

  decode(runId: string, c: readonly number[]): Promise<RunInspection> {
    return this.run(runId, { action: 'decode', c });
  }

  private run(runId: string, request: ImageInspectJobSpec['request']): Promise<RunInspection> {
    const run = this.store.runs.get(runId);
    if (!run) throw notFound('Run', runId);
    if (run.kind !== 'image') throw new StudioError('invalid_input', 'The factor inspector shows image runs.', 'id');
    if (run.step === 0) throw new StudioError('conflict', 'This run has no trained model yet.');
    const runDir = this.folders.runDir(run.projectId, run.id);
    return new Promise((resolve, reject) => {
      this.quickJobs.submit(`inspect-image-${++requests}`, { kind: 'image-inspect', runDir, request }, {
        onDone: (result) => {
          const out = result.output as { factors?: number; steps?: number; stage2: boolean; stage1: Uint8Array; stage2Png: Uint8Array };
          resolve({
            factors: out.factors ?? (request.action === 'decode' ? request.c.length : 0),
            steps: out.steps ?? 1,
            stage2Trained: out.stage2,
            stage1: dataUrl(out.stage1),
            stage2: dataUrl(out.stage2Png),
          });
        },
        onCancelled: () => reject(new StudioError('unavailable', 'The inspector request was cancelled.')),
        onFailed: (message) => reject(new StudioError('internal', message)),
      });
    });
  }
}
