/**
 * What stage 2 keeps, factor by factor (the MS-VAE paper's Fig. 4). For each active stage-1 code
 * dim k, the normalised MI I(c_k(x); c_k(out)) / H(c_k(x)) of ./preservation.ts (20 equal-width
 * bins, plug-in MI as for MIG) between the code of the real image and the code read back from:
 *   M1 the stage-1 reconstruction y = dec1(mu(x)),
 *   M2 the stage-2 reconstruction G(y, z(x)),
 *   M3 a stage-2 sample with the image's own y and z drawn from the z prior,
 *   M4 a stage-2 output with another image's y and this image's z(x).
 * M1 is the ceiling stage 2 can reach; M2 and M3 near it say stage 2 keeps the factors whatever
 * the detail; M4 near 0 says the factors travel in y, not in z (z holds no copy of them).
 * (The paper's M4 pairs another image's Y with a random Z; with nothing of x left in that image
 * its MI is 0 by construction, so here x keeps its own z: the question becomes whether z leaks c.)
 */
import type { Stage2MiScores } from '../../../../shared/image-evaluation';
import { runToEnd, type Steps } from '../../core/steps';
import { normalisedMutualInfo } from './preservation';

export interface Stage2MiCodes {
  /** Row-major [n x d] mean codes: of x, and read back from M1..M4. */
  readonly x: Float32Array;
  readonly m1: Float32Array;
  readonly m2: Float32Array;
  readonly m3: Float32Array;
  readonly m4: Float32Array;
}

const valueOrNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? Number(v.toFixed(4)) : null);

/** One entry per dim in `dims` (the active ones), named as the Factors tab names them (c0, c1, ...); a pause point after each of M1..M4. */
export function* stage2MiSteps(codes: Stage2MiCodes, n: number, d: number, dims: readonly number[], split: string): Steps<Stage2MiScores> {
  const measured: number[][] = [];
  for (const out of [codes.m1, codes.m2, codes.m3, codes.m4]) {
    measured.push(normalisedMutualInfo(codes.x, out, n, d, { dims }).perDim);
    yield;
  }
  const [m1, m2, m3, m4] = measured as [number[], number[], number[], number[]];
  return {
    n,
    split,
    perFactor: dims.map((k) => ({ factor: `c${k}`, m1: valueOrNull(m1[k]), m2: valueOrNull(m2[k]), m3: valueOrNull(m3[k]), m4: valueOrNull(m4[k]) })),
  };
}

/** stage2MiSteps run to the end at once. */
export function stage2MiScores(codes: Stage2MiCodes, n: number, d: number, dims: readonly number[], split: string): Stage2MiScores {
  return runToEnd(stage2MiSteps(codes, n, d, dims, split));
}
