import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { latestCheckpointDir } from './checkpoint';

/** Copies a run's model in the standard TF.js format (model.json + weights.bin) and its manifest (config, table encoder) into target. */
export function copyModelFiles(runDir: string, target: string): void {
  const checkpoint = latestCheckpointDir(runDir);
  if (!checkpoint) throw new Error('This run has no checkpoint to export');
  mkdirSync(target, { recursive: true });
  for (const name of ['model.json', 'weights.bin']) copyFileSync(path.join(checkpoint, name), path.join(target, name));
  copyFileSync(path.join(runDir, 'run.json'), path.join(target, 'run.json'));
}

/**
 * The step of the checkpoint a run loads from: the same folder latestCheckpointDir picks (so a
 * damaged latest.json falls back to the newest whole folder, as loading does), 0 when none.
 */
export function latestCheckpointStep(runDir: string): number {
  const checkpoint = latestCheckpointDir(runDir);
  if (!checkpoint) return 0;
  const model = JSON.parse(readFileSync(path.join(checkpoint, 'model.json'), 'utf8')) as { userDefinedMetadata?: { step?: number } };
  return model.userDefinedMetadata?.step ?? Number(path.basename(checkpoint).slice(5));
}
