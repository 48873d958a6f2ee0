import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Params } from './nn/params';
import { fsyncDir, writeFileAtomic, writeFileSynced } from './atomic-files';
import { isProcessAlive } from './process-alive';
import { checkpointFormat, checkpointsDir, isCheckpointFormat, readableCheckpointDirs } from './checkpoint-folders';

export { checkpointFormat, checkpointsDir, hasCheckpointFolders, latestCheckpointDir, tabularCheckpointFormat } from './checkpoint-folders';

/** A tensor with its name, as tf.io.encodeWeights and optimizers' getWeights use. */
type NamedTensor = { name: string; tensor: tf.Tensor };

/**
 * Checkpoints in the standard TF.js artifact layout: model.json (our config as the topology,
 * plus the weights manifest) and weights.bin, so any TF.js program can read the weights with
 * tf.io. Optimizer state sits beside them (optimizer.json + optimizer.bin) for exact resume.
 *
 *   <runDir>/checkpoints/ckpt-000500/{model.json, weights.bin, optimizer.json, optimizer.bin}
 *   <runDir>/checkpoints/latest.json -> { dir: 'ckpt-000500', step: 500 }
 *
 * Each checkpoint is written into a temporary folder, flushed, then renamed; latest.json is
 * replaced atomically last. A crash at any moment leaves the previous checkpoint intact.
 */

/** The app's name and TF.js version, written into each checkpoint. */
export const generatedBy = `Factor Studio (TensorFlow.js ${tf.version_core})`;

export interface CheckpointMeta {
  /** Global steps done (stage 1 and stage 2 together). */
  readonly step: number;
  readonly savedAt: number;
  readonly [key: string]: unknown;
}

export interface LoadedCheckpoint {
  readonly dir: string;
  readonly format: string;
  readonly config: unknown;
  readonly meta: CheckpointMeta;
  readonly weights: Map<string, tf.Tensor>;
  readonly optimizers: Map<string, NamedTensor[]>;
}

interface WeightsManifestGroup {
  paths: string[];
  weights: tf.io.WeightsManifestEntry[];
}

const keep = 2;

function toArray(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(tf.io.concatenateArrayBuffers(data));
  return new Uint8Array(data);
}

async function encode(tensors: NamedTensor[]): Promise<{ data: Uint8Array; specs: tf.io.WeightsManifestEntry[] }> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  return { data: toArray(data), specs };
}

export async function saveCheckpoint(
  runDir: string,
  config: unknown,
  paramSets: Record<string, Params>,
  optimizers: Record<string, tf.Optimizer>,
  meta: CheckpointMeta,
  generatedBy: string,
  format: string = checkpointFormat,
): Promise<string> {
  const root = checkpointsDir(runDir);
  mkdirSync(root, { recursive: true });
  sweepLeftovers(root);
  const name = `ckpt-${String(meta.step).padStart(7, '0')}`;
  const tmp = path.join(root, `.${name}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    const named: NamedTensor[] = [];
    for (const [set, params] of Object.entries(paramSets)) {
      for (const [key, v] of params.entries()) named.push({ name: `${set}/${key}`, tensor: v });
    }
    const weights = await encode(named);
    const manifest: WeightsManifestGroup[] = [{ paths: ['weights.bin'], weights: weights.specs }];
    writeFileSynced(path.join(tmp, 'weights.bin'), weights.data);
    writeFileSynced(
      path.join(tmp, 'model.json'),
      JSON.stringify({ format, formatVersion: 1, generatedBy, convertedBy: null, modelTopology: { config }, weightsManifest: manifest, userDefinedMetadata: meta }, null, 1),
    );

    const optimizerTensors: NamedTensor[] = [];
    const iterations: tf.Tensor[] = [];
    const counts: Record<string, number> = {};
    for (const [set, optimizer] of Object.entries(optimizers)) {
      const state = await optimizer.getWeights();
      counts[set] = state.length;
      // The first entry is a fresh scalar holding the iteration count: ours to dispose.
      if (state[0]) iterations.push(state[0].tensor);
      state.forEach((w, i) => optimizerTensors.push({ name: `${set}/${i}`, tensor: w.tensor }));
    }
    const opt = await encode(optimizerTensors);
    tf.dispose(iterations);
    writeFileSynced(path.join(tmp, 'optimizer.bin'), opt.data);
    writeFileSynced(path.join(tmp, 'optimizer.json'), JSON.stringify({ counts, specs: opt.specs }));
    fsyncDir(tmp);

    const final = path.join(root, name);
    rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
    fsyncDir(root);
    writeFileAtomic(path.join(root, 'latest.json'), JSON.stringify({ dir: name, step: meta.step }));
    prune(root, name);
    return final;
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Keeps the newest `keep` checkpoints (by step), never the one latest.json points to. Each goes
 * under a hidden name first, so a crash mid-delete never leaves a half-deleted ckpt-* folder.
 */
function prune(root: string, latest: string): void {
  const dirs = readdirSync(root)
    .filter((d) => /^ckpt-\d+$/.test(d))
    .sort();
  for (const dir of dirs.slice(0, Math.max(0, dirs.length - keep))) {
    if (dir === latest) continue;
    const doomed = path.join(root, `.${dir}.${process.pid}.deleting`);
    renameSync(path.join(root, dir), doomed);
    rmSync(doomed, { recursive: true, force: true });
  }
}

/**
 * Removes what a killed writer left behind: half-written (.tmp) and half-deleted (.deleting)
 * folders, and a latest.json pointer written to its temporary file but not yet renamed (a kill
 * in writeFileAtomic; the kill test caught one). Each carries its writer's pid; one whose writer
 * is still alive (another process saving into the same run folder) is its work in progress and
 * is left alone.
 */
function sweepLeftovers(root: string): void {
  for (const entry of readdirSync(root)) {
    const match = /^\.(?:ckpt-\d+|latest\.json)\.(?:(\d+)\.)?(?:tmp|deleting)$/.exec(entry);
    if (!match) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && pid !== process.pid && isProcessAlive(pid)) continue;
    rmSync(path.join(root, entry), { recursive: true, force: true });
  }
}

function decode(file: string, specs: tf.io.WeightsManifestEntry[]): tf.NamedTensorMap {
  const bytes = readFileSync(file);
  return tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), specs);
}

/**
 * Reads a checkpoint folder; the caller owns (and disposes) the returned tensors. Inference
 * passes `{ optimizer: false }`: Adam's moments are twice the weights' size and only resuming needs them.
 */
export function loadCheckpoint(dir: string, options: { optimizer?: boolean } = {}): LoadedCheckpoint {
  const model = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as {
    format?: string;
    modelTopology?: { config?: unknown };
    weightsManifest?: WeightsManifestGroup[];
    userDefinedMetadata?: CheckpointMeta;
  };
  if (!isCheckpointFormat(model.format)) throw new Error(`${path.join(dir, 'model.json')} is not a Factor Studio checkpoint`);
  const group = model.weightsManifest?.[0];
  if (!group || !model.userDefinedMetadata) throw new Error(`${path.join(dir, 'model.json')} has no weights manifest`);
  const weights = new Map(Object.entries(decode(path.join(dir, 'weights.bin'), group.weights)));
  const optimizers = new Map<string, NamedTensor[]>();
  const optFile = path.join(dir, 'optimizer.json');
  if (options.optimizer !== false && existsSync(optFile)) {
    const { counts, specs } = JSON.parse(readFileSync(optFile, 'utf8')) as { counts: Record<string, number>; specs: tf.io.WeightsManifestEntry[] };
    const tensors = decode(path.join(dir, 'optimizer.bin'), specs);
    for (const [set, count] of Object.entries(counts)) {
      const list: NamedTensor[] = [];
      for (let i = 0; i < count; i++) {
        const tensor = tensors[`${set}/${i}`];
        if (!tensor) throw new Error(`optimizer state ${set}/${i} missing in ${dir}`);
        list.push({ name: `${set}/${i}`, tensor });
      }
      optimizers.set(set, list);
    }
  }
  return { dir, format: model.format ?? '', config: model.modelTopology?.config, meta: model.userDefinedMetadata, weights, optimizers };
}

/** Restores optimizer state (Adam's moments and step count) saved by saveCheckpoint. */
export async function restoreOptimizers(optimizers: Record<string, tf.Optimizer>, saved: ReadonlyMap<string, NamedTensor[]>): Promise<void> {
  for (const [set, optimizer] of Object.entries(optimizers)) {
    const state = saved.get(set);
    if (state && state.length > 0) await optimizer.setWeights(state);
  }
}

export function disposeCheckpoint(checkpoint: LoadedCheckpoint): void {
  tf.dispose([...checkpoint.weights.values()]);
  for (const list of checkpoint.optimizers.values()) tf.dispose(list.map((w) => w.tensor));
}

/** Copies a loaded checkpoint's weights into the model's parameter sets, by stable name. */
/**
 * Loads each parameter set from the checkpoint's weights. A set named in `optionalSets` that the
 * checkpoint does not hold at all (it was saved before the set existed) keeps its initial values.
 */
export function assignWeights(paramSets: Record<string, Params>, weights: ReadonlyMap<string, tf.Tensor>, optionalSets: readonly string[] = []): void {
  for (const [set, params] of Object.entries(paramSets)) {
    const prefix = `${set}/`;
    const subset = new Map<string, tf.Tensor>();
    for (const [name, tensor] of weights) if (name.startsWith(prefix)) subset.set(name.slice(prefix.length), tensor);
    if (subset.size === 0 && optionalSets.includes(set)) continue;
    params.assign(subset);
  }
}

/**
 * Loads runDir's last checkpoint into the model and its optimizers; returns the step it holds (0
 * when there is none). A checkpoint that fails to load (damaged files) gives way to the next older one.
 */
export async function resumeFromLatest(runDir: string, paramSets: Record<string, Params>, optimizers: Record<string, tf.Optimizer>, optionalSets: readonly string[] = []): Promise<number> {
  for (const dir of readableCheckpointDirs(runDir)) {
    let checkpoint: LoadedCheckpoint;
    try {
      checkpoint = loadCheckpoint(dir);
    } catch {
      continue;
    }
    try {
      assignWeights(paramSets, checkpoint.weights, optionalSets);
      await restoreOptimizers(optimizers, checkpoint.optimizers);
      return checkpoint.meta.step;
    } finally {
      disposeCheckpoint(checkpoint);
    }
  }
  return 0;
}
