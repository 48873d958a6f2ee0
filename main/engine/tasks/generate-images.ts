import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ImageGenerateJobSpec, ImageTraverseJobSpec, JobResult } from '../../../shared/compute-protocol';
import { encodePng, imagePng, tileImages } from '../image/png';
import type { JobCallbacks } from '../core/job-context';
import { sampleImages, traverse } from '../image/sampling';
import { writeFileAtomic, writeFileSynced } from '../core/atomic-files';
import { loadTrainedRun } from '../image/load-run';
import { ProgressMeter } from '../core/progress-meter';

const chunk = 64;

/**
 * Writes n samples as PNG files. Files go to a temporary folder beside the target and are
 * moved in when all are written, so a crash or cancel never leaves a half-filled folder.
 */
export async function runImageGenerate(spec: ImageGenerateJobSpec, callbacks: JobCallbacks): Promise<{ result: JobResult; cancelled: boolean }> {
  const run = loadTrainedRun(spec.runDir);
  const { imageSize, channels } = run.config;
  for (const k of Object.keys(spec.fix).map(Number)) {
    if (!Number.isInteger(k) || k < 0 || k >= run.config.latents) throw new Error(`--fix c${k}: this model has factors c0..c${run.config.latents - 1}`);
  }
  const outDir = path.resolve(spec.outDir);
  const tmp = `${outDir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const meter = new ProgressMeter(spec.n);
  const files: string[] = [];
  try {
    for (let start = 0; start < spec.n && !callbacks.isCancelled(); start += chunk) {
      const n = Math.min(chunk, spec.n - start);
      const samples = await sampleImages(run.model, n, spec.seed + start, spec.fix, run.hasStage2);
      const per = imageSize * imageSize * channels;
      for (let i = 0; i < n; i++) {
        const name = `sample-${String(start + i + 1).padStart(5, '0')}.png`;
        writeFileSynced(path.join(tmp, name), await imagePng(samples.x.subarray(i * per, (i + 1) * per), imageSize, channels));
        files.push(name);
      }
      const report = meter.update(start + n, {}, start + n === spec.n);
      if (report) callbacks.onProgress({ ...report, phase: 'generate' });
    }
    if (callbacks.isCancelled()) {
      rmSync(tmp, { recursive: true, force: true });
      return { result: { step: files.length, metrics: {} }, cancelled: true };
    }
    mkdirSync(outDir, { recursive: true });
    for (const name of files) renameSync(path.join(tmp, name), path.join(outDir, name));
    rmSync(tmp, { recursive: true, force: true });
    return { result: { step: files.length, metrics: { images: files.length }, output: { outDir, files, stage: run.hasStage2 ? 2 : 1 } }, cancelled: false };
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  } finally {
    run.model.dispose();
  }
}

/**
 * Traversal grid PNG: left block stage 1 (Y), right block stage 2 (X); in each, one row per
 * factor and one column per value of that factor; everything else (other factors, z) fixed.
 */
export async function runImageTraverse(spec: ImageTraverseJobSpec, _callbacks: JobCallbacks): Promise<{ result: JobResult; cancelled: boolean }> {
  const run = loadTrainedRun(spec.runDir);
  try {
    const { latents, zDim, imageSize, channels } = run.config;
    const base = new Float32Array(latents);
    const z = new Float32Array(zDim);
    const grid = await traverse(run.model, base, z, spec.steps, spec.range, run.hasStage2);
    const left = tileImages(grid.y, grid.n, imageSize, channels, spec.steps);
    const right = tileImages(grid.x, grid.n, imageSize, channels, spec.steps);
    const gap = 6;
    const width = left.width * 2 + gap;
    const data = new Uint8Array(width * left.height * channels).fill(255);
    for (let row = 0; row < left.height; row++) {
      data.set(left.data.subarray(row * left.width * channels, (row + 1) * left.width * channels), row * width * channels);
      data.set(right.data.subarray(row * right.width * channels, (row + 1) * right.width * channels), (row * width + left.width + gap) * channels);
    }
    const png = await encodePng(data, width, left.height, channels);
    writeFileAtomic(path.resolve(spec.out), png);
    return { result: { step: run.step, metrics: {}, output: { out: path.resolve(spec.out), factors: latents, steps: spec.steps, range: spec.range, stage2: run.hasStage2 } }, cancelled: false };
  } finally {
    run.model.dispose();
  }
}

