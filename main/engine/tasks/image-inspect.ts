import type { ImageInspectJobSpec, JobResult } from '../../../shared/compute-protocol';
import { gridPng } from '../images/png';
import { decodeCodes, traverse } from '../sampling';
import { loadTrainedRun } from '../training/load-run';
import { activeKlThreshold, factorActivity } from './factor-activity';

/** PNG bytes of a traversal (rows: factors; columns: values) or of one decoded code, or the factors' KL, for the inspector. */
export async function runImageInspect(spec: ImageInspectJobSpec): Promise<{ result: JobResult; cancelled: boolean }> {
  const run = loadTrainedRun(spec.runDir);
  try {
    const { latents, zDim, imageSize, channels } = run.config;
    const z = new Float32Array(zDim);
    if (spec.request.action === 'traversal') {
      const { steps, range } = spec.request;
      const grid = await traverse(run.model, new Float32Array(latents), z, steps, range, run.hasStage2);
      const output = {
        factors: latents,
        steps,
        range,
        stage2: run.hasStage2,
        stage1: await gridPng(grid.y, grid.n, imageSize, channels, steps),
        stage2Png: await gridPng(grid.x, grid.n, imageSize, channels, steps),
      };
      return { result: { step: run.step, metrics: {}, output }, cancelled: false };
    }
    if (spec.request.action === 'activity') {
      const activity = await factorActivity(run, spec.request.samples);
      return { result: { step: run.step, metrics: {}, output: { ...activity, activeThreshold: activeKlThreshold } }, cancelled: false };
    }
    if (spec.request.c.length !== latents) throw new Error(`this model has ${latents} factors; got ${spec.request.c.length} values`);
    const decoded = await decodeCodes(run.model, Float32Array.from(spec.request.c), z, 1, run.hasStage2);
    const output = { stage2: run.hasStage2, stage1: await gridPng(decoded.y, 1, imageSize, channels, 1), stage2Png: await gridPng(decoded.x, 1, imageSize, channels, 1) };
    return { result: { step: run.step, metrics: {}, output }, cancelled: false };
  } finally {
    run.model.dispose();
  }
}
