import type { SampleQualityScores } from '../../../shared/image-evaluation';
import { runYielding, type Pause } from '../core/steps';
import { round } from './evaluate-scores';
import { extractFeatures, FEATURE_DIM } from './metrics/feature-net';
import { frechetSteps } from './metrics/frechet';
import { kidSteps } from './metrics/kid';
import type { ImageMsVae } from './models/image-ms-vae';
import { sampleImages } from './sampling';

/**
 * Images per set for FD / KID: the first 1,600 of the evaluated images against as many samples.
 * The disentanglement metrics need disentanglement_lib's 10,000; FD / KID do not, and on all of
 * them the random-conv features of 3 x 10,000 images and KID's 50 subsets of 1,000 without its
 * kernel cache would take minutes on a 2-core CPU. 1,600 is the largest set whose three kernel
 * matrices (3 n^2 entries) fit KID's default cache of 8M, and a fixed count keeps FD (biased in
 * 1/n) comparable between runs.
 */
export const SAMPLE_QUALITY_IMAGES = 1_600;

const chunk = 64;

/**
 * FD / KID of real images against samples from the prior, for Y and (once trained) for X.
 * `pause` is awaited between batches and inside KID (its kernel matrices are seconds of work).
 */
export async function sampleQuality(model: ImageMsVae, realImages: Float32Array, n: number, withStage2: boolean, onDone: (done: number) => void, pause: Pause): Promise<{ samples: number; stage1: SampleQualityScores; stage2: SampleQualityScores | null }> {
  const { imageSize: s, channels, seed } = model.config;
  const per = s * s * channels;
  const realFeatures = await extractFeatures(realImages.subarray(0, n * per), n, s, channels, { pause });
  const sampleY = new Float32Array(n * per);
  const sampleX = withStage2 ? new Float32Array(n * per) : null;
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    const drawn = await sampleImages(model, m, seed + 777 + start, {}, withStage2);
    sampleY.set(drawn.y, start * per);
    sampleX?.set(drawn.x, start * per);
    onDone(start + m);
    await pause();
  }
  const quality = async (images: Float32Array): Promise<SampleQualityScores> => {
    const features = await extractFeatures(images, n, s, channels, { pause });
    const kid = await runYielding(kidSteps(realFeatures, n, features, n, FEATURE_DIM, { seed, subsets: 50, subsetSize: Math.max(2, Math.min(1000, Math.floor(n / 2))) }), pause);
    const fd = await runYielding(frechetSteps(realFeatures, n, features, n, FEATURE_DIM), pause);
    return { fd_local: round(fd), kid: round(kid.mean, 6), kid_std: round(kid.std, 6) };
  };
  return { samples: n, stage1: await quality(sampleY), stage2: sampleX ? await quality(sampleX) : null };
}
