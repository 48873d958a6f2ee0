import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkpointsDir, latestCheckpointDir } from './checkpoint';

/** Copies a run's model in the standard TF.js format (model.json + weights.bin) and its manifest (config, table encoder) into target. */
export function copyModelFiles(runDir: string, target: string): void {
  const checkpoint = latestCheckpointDir(runDir);
  if (!checkpoint) throw new Error('This run has no checkpoint to export');
  mkdirSync(target, { recursive: true });
  for (const name of ['model.json', 'weights.bin']) copyFileSync(path.join(checkpoint, name), path.join(target, name));
  copyFileSync(path.join(runDir, 'run.json'), path.join(target, 'run.json'));
}

/** The step of a run's latest checkpoint, from its pointer file. */
export function latestCheckpointStep(runDir: string): number {
  const pointer = JSON.parse(readFileSync(path.join(checkpointsDir(runDir), 'latest.json'), 'utf8')) as { step?: number };
  return pointer.step ?? 0;
}
