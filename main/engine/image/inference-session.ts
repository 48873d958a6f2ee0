import { statSync } from 'node:fs';
import path from 'node:path';
import type { InferenceRequest, JobResult } from '../../../shared/compute-protocol';
import { inspectImageRun } from './inspect-run';
import { latestCheckpointDir } from '../core/checkpoint';
import { loadTrainedRun, type TrainedRun } from './load-run';

interface HeldRun {
  /** The checkpoint folder and when its model.json was written: a new checkpoint, or one rewritten in place, differs. */
  readonly version: string;
  readonly run: TrainedRun;
}

function versionOf(checkpointDir: string): string {
  const stat = statSync(path.join(checkpointDir, 'model.json'), { throwIfNoEntry: false });
  return `${checkpointDir}@${stat?.mtimeMs ?? 'missing'}`;
}

/**
 * The models of the inference session: the most recently used runs, at most `capacity`, each
 * at its latest checkpoint. A request for a run whose latest checkpoint has changed since its
 * model was loaded (training went on, or resumed) reloads it; the least recently used model
 * goes when a new one would exceed the capacity. Every model dropped is disposed.
 */
export class InferenceSession {
  private readonly held = new Map<string, HeldRun>();
  private loadCount = 0;

  constructor(private readonly capacity = 2) {
    if (capacity < 1) throw new Error('an inference session holds at least one model');
  }

  /** Models loaded so far (reloads included). */
  get loads(): number {
    return this.loadCount;
  }

  /** The run folders whose models are held, least recently used first. */
  get runDirs(): string[] {
    return [...this.held.keys()];
  }

  async run(spec: InferenceRequest): Promise<JobResult<'image-inspect'>> {
    return inspectImageRun(this.model(spec.runDir), spec.request);
  }

  dispose(): void {
    for (const runDir of [...this.held.keys()]) this.drop(runDir);
  }

  private model(runDir: string): TrainedRun {
    const dir = latestCheckpointDir(runDir);
    if (!dir) {
      this.drop(runDir);
      throw new Error(`${runDir} has no checkpoint: train it first`);
    }
    const version = versionOf(dir);
    const held = this.held.get(runDir);
    if (held && held.version === version) {
      // Most recently used last.
      this.held.delete(runDir);
      this.held.set(runDir, held);
      return held.run;
    }
    this.drop(runDir);
    const run = loadTrainedRun(runDir);
    this.loadCount++;
    while (this.held.size >= this.capacity) {
      const oldest = this.held.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    this.held.set(runDir, { version: run.checkpointDir === dir ? version : versionOf(run.checkpointDir), run });
    return run;
  }

  private drop(runDir: string): void {
    const held = this.held.get(runDir);
    if (!held) return;
    this.held.delete(runDir);
    held.run.model.dispose();
  }
}
