import type { TrainedRun } from './load-run';
import { encodePng, tileImages } from './png';
import { traverse } from './sampling';

/** White columns between the stage-1 and the stage-2 block. */
const gap = 6;

/**
 * The traversal grid as a PNG: left block stage 1 (Y), right block stage 2 (X); in each, one row
 * per factor and one column per value of that factor; everything else (other factors, z) fixed.
 */
export async function traversalGridPng(run: TrainedRun, steps: number, range: number): Promise<Uint8Array> {
  const { latents, imageSize, channels } = run.config;
  const grid = await traverse(run.model, new Float32Array(latents), await run.model.zPrior.centre(), steps, range, run.hasStage2);
  const left = tileImages(grid.y, grid.n, imageSize, channels, steps);
  const right = tileImages(grid.x, grid.n, imageSize, channels, steps);
  const width = left.width * 2 + gap;
  const data = new Uint8Array(width * left.height * channels).fill(255);
  for (let row = 0; row < left.height; row++) {
    data.set(left.data.subarray(row * left.width * channels, (row + 1) * left.width * channels), row * width * channels);
    data.set(right.data.subarray(row * right.width * channels, (row + 1) * right.width * channels), (row * width + left.width + gap) * channels);
  }
  return encodePng(data, width, left.height, channels);
}
