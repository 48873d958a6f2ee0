import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Which checkpoint folder of a run is the one to load, with Node's fs only (no TF.js), so the
 * services can ask "is there a trained model?" the same way loading answers it, without the
 * engine in the main process. checkpoint.ts writes and reads the folders; this file finds them.
 */

export const checkpointFormat = 'factor-studio/image-ms-vae';
export const tabularCheckpointFormat = 'factor-studio/tabular-ms-vae';
const knownFormats = [checkpointFormat, tabularCheckpointFormat];

/** Whether a model.json's format is one of ours. */
export function isCheckpointFormat(format: string | undefined): boolean {
  return knownFormats.includes(format ?? '');
}

export function checkpointsDir(runDir: string): string {
  return path.join(runDir, 'checkpoints');
}

/**
 * The checkpoint folders to try, best first: the one latest.json names, then every ckpt-* folder
 * by step, newest first. latest.json is only a pointer: when it is damaged or names a folder that
 * is gone, the newest folder that is whole is the run's last checkpoint (each was flushed before
 * its rename), not step 0.
 */
function checkpointCandidates(runDir: string): string[] {
  const root = checkpointsDir(runDir);
  if (!existsSync(root)) return [];
  const names: string[] = [];
  const pointed = pointerTarget(path.join(root, 'latest.json'));
  if (pointed) names.push(pointed);
  const folders = readdirSync(root)
    .filter((d) => /^ckpt-\d+$/.test(d))
    .sort((a, b) => Number(b.slice(5)) - Number(a.slice(5)));
  for (const dir of folders) if (!names.includes(dir)) names.push(dir);
  return names.map((dir) => path.join(root, dir)).filter((full) => existsSync(path.join(full, 'model.json')) && existsSync(path.join(full, 'weights.bin')));
}

/** The folder name latest.json points to; undefined when it is missing, unreadable or points anywhere else. */
function pointerTarget(pointer: string): string | undefined {
  try {
    const { dir } = JSON.parse(readFileSync(pointer, 'utf8')) as { dir?: unknown };
    // Only a checkpoint folder's own name: a pointer cannot lead out of the checkpoints folder.
    return typeof dir === 'string' && /^ckpt-\d+$/.test(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** A checkpoint whose model.json reads as ours. */
function readsWhole(dir: string): boolean {
  try {
    const model = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as { format?: string; weightsManifest?: unknown[] };
    return isCheckpointFormat(model.format) && Array.isArray(model.weightsManifest);
  } catch {
    return false;
  }
}

/** Whether training has written any checkpoint folder, readable or not (so it has seen data). */
export function hasCheckpointFolders(runDir: string): boolean {
  const root = checkpointsDir(runDir);
  return existsSync(root) && readdirSync(root).some((d) => /^ckpt-\d+$/.test(d));
}

/** Every checkpoint folder whose model.json reads as ours, newest (or latest.json's) first: what resuming tries in turn. */
export function readableCheckpointDirs(runDir: string): string[] {
  return checkpointCandidates(runDir).filter(readsWhole);
}

/** The run's newest readable checkpoint folder: latest.json's, else the newest whole ckpt-* folder; null when none. */
export function latestCheckpointDir(runDir: string): string | null {
  return readableCheckpointDirs(runDir)[0] ?? null;
}
