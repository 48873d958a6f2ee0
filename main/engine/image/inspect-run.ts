import type { ImageInspectRequest, JobResult } from '../../../shared/compute-protocol';
import { factorActivity } from './factor-activity';
import type { TrainedRun } from './load-run';
import { gridPng } from './png';
import { decodeCodes, traverse } from './sampling';

/** One inspector request on a loaded run; leaves the model loaded (the one-shot job and the inference session both use it). */
export async function inspectImageRun(run: TrainedRun, request: ImageInspectRequest): Promise<JobResult<'image-inspect'>> {
  const { latents, imageSize, channels } = run.config;
  // Typical detail: the z prior's centre (N(0, I)'s is 0, a fitted one's is not).
  const z = await run.model.zPrior.centre();
  if (request.action === 'traversal') {
    const { steps, range } = request;
    const grid = await traverse(run.model, new Float32Array(latents), z, steps, range, run.hasStage2);
    const output = {
      factors: latents,
      steps,
      range,
      stage2: run.hasStage2,
      stage1: await gridPng(grid.y, grid.n, imageSize, channels, steps),
      stage2Png: await gridPng(grid.x, grid.n, imageSize, channels, steps),
    };
    return { step: run.step, metrics: {}, output };
  }
  if (request.action === 'activity') {
    const activity = await factorActivity(run, request.samples);
    return { step: run.step, metrics: {}, output: activity };
  }
  if (request.c.length !== latents) throw new Error(`this model has ${latents} factors; got ${request.c.length} values`);
  const decoded = await decodeCodes(run.model, Float32Array.from(request.c), z, 1, run.hasStage2);
  const output = { stage2: run.hasStage2, stage1: await gridPng(decoded.y, 1, imageSize, channels, 1), stage2Png: await gridPng(decoded.x, 1, imageSize, channels, 1) };
  return { step: run.step, metrics: {}, output };
}
