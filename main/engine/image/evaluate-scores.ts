import type { DisentanglementScores, PreservationScores, ReconstructionScores } from '../../../shared/image-evaluation';
import type { ReconstructionMetrics } from './metrics/image-quality';
import type { Steps } from '../core/steps';
import { migSteps } from './metrics/mig';
import { normalisedMutualInfo, preservationChance } from './metrics/preservation';
import { sapSteps, sliceSamples, type CodedSamples } from './metrics/sap';

/**
 * Pieces of the evaluate report that are plain arithmetic on what the chunks collected; the long
 * ones are steps (core/steps.ts) that evaluate.ts runs with pauses.
 */

export const round = (v: number, digits = 5) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);
const roundOrNull = (v: number) => (Number.isFinite(v) ? round(v) : null);

/** Running means of reconstruction metrics over chunks of different sizes. */
export class MeanOf {
  private sums: ReconstructionScores = { recon_bce: 0, mse: 0, psnr: 0, ssim: 0 };
  private n = 0;
  add(values: ReconstructionMetrics, count: number): void {
    const s = this.sums;
    this.sums = { recon_bce: s.recon_bce + values.recon_bce * count, mse: s.mse + values.mse * count, psnr: s.psnr + values.psnr * count, ssim: s.ssim + values.ssim * count };
    this.n += count;
  }
  result(): ReconstructionScores {
    const s = this.sums;
    return { recon_bce: round(s.recon_bce / this.n), mse: round(s.mse / this.n), psnr: round(s.psnr / this.n), ssim: round(s.ssim / this.n) };
  }
}

/**
 * MIG on all `main` samples (disentanglement_lib: mig num_train = 10,000); SAP fit on `main` and
 * scored on `test` (num_train 10,000 / num_test 5,000). Without separate test images (a small
 * held-out split) SAP splits `main` 2:1, the same ratio, and the report's protocol says so.
 */
export function* disentanglementScores(main: CodedSamples, test: CodedSamples | null, d: number, f: number, factorNames: string[]): Steps<{ scores: DisentanglementScores; sapTrain: number; sapTest: number }> {
  const mig = yield* migSteps(main.codes, main.n, d, main.factors, f, { factorNames });
  const trainN = test ? main.n : Math.round((main.n * 2) / 3);
  const sapTrain = sliceSamples(main, d, f, 0, trainN);
  const sapTest = test ?? sliceSamples(main, d, f, trainN, main.n - trainN);
  const sap = yield* sapSteps(sapTrain, sapTest, d, f, { factorNames });
  const sapOf = new Map(sap.perFactor.map((p) => [p.name, p.sap]));
  const scores: DisentanglementScores = {
    mig: round(mig.mig),
    sap: round(sap.sap),
    per_factor: mig.perFactor.map((pf) => ({ factor: pf.name, mig: round(pf.mig), sap: round(sapOf.get(pf.name) ?? NaN), top_code: pf.topCode })),
    constant_factors: mig.skippedFactors,
  };
  return { scores, sapTrain: sap.trainSize, sapTest: sap.testSize };
}

/** Stage-2 code sets over n images (row-major [n x d]). */
export interface Stage2Codes {
  readonly x: Float32Array;
  readonly xhat: Float32Array;
  readonly randomZ: Float32Array;
  readonly shuffledY: Float32Array;
  readonly donor: Float32Array;
}

/** Preservation over the active dims, with its chance floor at the same n; a pause point after each measure. */
export function* preservationScores(codes: Stage2Codes, n: number, d: number, dims: number[]): Steps<PreservationScores> {
  const nmi = (a: Float32Array, b: Float32Array) => roundOrNull(normalisedMutualInfo(a, b, n, d, { dims }).mean);
  const encoderZ = nmi(codes.x, codes.xhat);
  yield;
  const randomZ = nmi(codes.x, codes.randomZ);
  yield;
  const shuffledY = nmi(codes.donor, codes.shuffledY);
  yield;
  const chance = roundOrNull(preservationChance(codes.x, codes.xhat, n, d, { dims }).mean);
  return { encoder_z: encoderZ, random_z: randomZ, shuffled_y: shuffledY, chance, dims };
}
