import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ImageGenerateJobSpec } from '../../../shared/compute-protocol';
import { cancelledAt, type JobCallbacks, type TaskOutcome } from '../core/job-context';
import { loadTrainedRun } from '../image/load-run';
import { writeSamplePngs } from '../image/sample-files';

/**
 * The 'image-generate' job: n samples as PNG files. Files go to a temporary folder beside the
 * target and are moved in when all are written, so a crash or cancel never leaves a half-filled folder.
 */
export async function runImageGenerate(spec: ImageGenerateJobSpec, callbacks: JobCallbacks): Promise<TaskOutcome<'image-generate'>> {
  const run = loadTrainedRun(spec.runDir);
  for (const k of Object.keys(spec.fix).map(Number)) {
    if (!Number.isInteger(k) || k < 0 || k >= run.config.latents) throw new Error(`--fix c${k}: this model has factors c0..c${run.config.latents - 1}`);
  }
  const outDir = path.resolve(spec.outDir);
  const tmp = `${outDir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const files = await writeSamplePngs(run, tmp, { n: spec.n, seed: spec.seed, fix: spec.fix, onProgress: (p) => callbacks.onProgress(p), isCancelled: () => callbacks.isCancelled() });
    if (callbacks.isCancelled()) {
      rmSync(tmp, { recursive: true, force: true });
      return cancelledAt(files.length);
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
