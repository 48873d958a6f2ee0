import { describe, expect, it } from 'vitest';

import { runYielding, type Steps } from '../../../../main/engine/core/steps';
import { classifierAccuracy, classifierAccuracySteps } from '../../../../main/engine/image/metrics/code-classifier';
import { interpretabilityScores, interpretabilitySteps } from '../../../../main/engine/image/metrics/interpretability';
import { frechetDistance, frechetSteps } from '../../../../main/engine/image/metrics/frechet';
import { kernelInceptionDistance, kidSteps } from '../../../../main/engine/image/metrics/kid';
import { computeMig, migSteps } from '../../../../main/engine/image/metrics/mig';
import { computeSap, sapSteps, sliceSamples } from '../../../../main/engine/image/metrics/sap';
import { stage2MiScores, stage2MiSteps } from '../../../../main/engine/image/metrics/stage2-mi';
import { gaussian, perfectCode, uniformFactors } from './helpers';

/**
 * The evaluation metrics run as steps (main/engine/core/steps.ts) so the compute process can
 * beat between units of work. Pinned here: the numbers are those of the code before it was split
 * into steps (same seeds, same order), the paused run gives exactly the synchronous result, and
 * the pause points come at least as often as the units of work they stand for.
 */

/** Runs steps with a pause that only counts, and returns the result and the count. */
async function counted<T>(steps: Steps<T>): Promise<{ result: T; pauses: number }> {
  let pauses = 0;
  const result = await runYielding(steps, async () => {
    pauses++;
  });
  return { result, pauses };
}

const N = 1200;
const D = 4;
// 12 classes: SAP fits them one-vs-rest, a pause point after each binary problem.
const LEVELS = [3, 12];
const F = LEVELS.length;
const factors = uniformFactors(N, LEVELS, 31);
const codes = perfectCode(factors, N, F, D, 32);

describe('metric steps: unchanged numbers, the same result when paused, pause points per unit of work', () => {
  it('MIG', async () => {
    const mig = computeMig(codes, N, D, factors, F);
    expect([mig.mig, ...mig.mutualInfo]).toMatchInlineSnapshot(`
      [
        0.9720253730710373,
        1.0978027566210082,
        0.009388706028279943,
        0.006864568918255246,
        2.4812318275846543,
        0.021149266158320766,
        0.09102192114863375,
        0.011114507727626155,
        0.08422256830141837,
      ]
    `);
    const { result, pauses } = await counted(migSteps(codes, N, D, factors, F));
    expect(result).toEqual(mig);
    expect(pauses).toBe(D);
  });

  it('SAP', async () => {
    const all = { codes, factors, n: N };
    const train = sliceSamples(all, D, F, 0, 800);
    const test = sliceSamples(all, D, F, 800, 400);
    const sap = computeSap(train, test, D, F);
    expect([sap.sap, ...sap.scoreMatrix]).toMatchInlineSnapshot(`
      [
        0.545,
        0.9775,
        0.0675,
        0.3375,
        0.53,
        0.3075,
        0.08,
        0.3225,
        0.0625,
      ]
    `);
    const { result, pauses } = await counted(sapSteps(train, test, D, F));
    expect(result).toEqual(sap);
    // One after each (dim, factor) fit and one after each one-vs-rest problem (3 and 12 classes).
    expect(pauses).toBe(D * (F + 3 + 12));
  });

  const c3 = gaussian(N, 3, 33);
  const z4 = perfectCode(factors, N, F, 4, 34);

  it('the interpretability classifier', async () => {
    const z = z4;
    const fit = { x: z.subarray(0, 600 * 4), y: factors.filter((_, i) => i % F === 1).subarray(0, 600), n: 600 };
    const test = { x: z.subarray(600 * 4), y: factors.filter((_, i) => i % F === 1).subarray(600), n: 600 };
    const accuracy = classifierAccuracy(fit, test, 4, 12);
    expect(accuracy).toMatchInlineSnapshot(`0.5133333333333333`);
    const steps = await counted(classifierAccuracySteps(fit, test, 4, 12));
    expect(steps.result).toBe(accuracy);
    // 10 epochs of ceil(600 / 64) = 10 mini-batches: a pause point every 16 batches.
    expect(steps.pauses).toBe(Math.floor((10 * 10) / 16));
  });

  it('the interpretability scores (C, Z, C+Z)', async () => {
    const input = { n: N, c: { values: c3, dims: 3 }, z: { values: z4, dims: 4 }, labelValues: factors, labels: [{ name: 'shape', values: 3 }, { name: 'pos', values: 12 }], split: 'holdout' };
    const scores = interpretabilityScores(input);
    expect(scores.labels.map((l) => [l.chance, l.c, l.z, l.cz])).toMatchInlineSnapshot(`
      [
        [
          0.3333,
          0.3483,
          1,
          1,
        ],
        [
          0.0883,
          0.075,
          0.5133,
          0.4767,
        ],
      ]
    `);
    const paused = await counted(interpretabilitySteps(input));
    expect(paused.result).toEqual(scores);
    // Two labels, three code sets, six pause points per classifier.
    expect(paused.pauses).toBe(2 * 3 * Math.floor(100 / 16));
  });

  it('KID (cached kernels and direct)', async () => {
    const a = gaussian(300, 16, 35);
    const b = gaussian(260, 16, 36, 1.1, 0.1);
    const options = { subsets: 7, subsetSize: 100, seed: 4 };
    const cached = kernelInceptionDistance(a, 300, b, 260, 16, options);
    const direct = kernelInceptionDistance(a, 300, b, 260, 16, { ...options, kernelCacheEntries: 0 });
    expect([cached.mean, cached.std, direct.mean, direct.std]).toMatchInlineSnapshot(`
      [
        0.0550379461505855,
        0.0547395421456008,
        0.0550379461505855,
        0.0547395421456008,
      ]
    `);
    const paused = await counted(kidSteps(a, 300, b, 260, 16, options));
    expect(paused.result).toEqual(cached);
    // Every 32 kernel rows of the three matrices (a-a, b-b, a-b: 300, 260, 300 rows), then each subset.
    expect(paused.pauses).toBe(Math.floor(300 / 32) + Math.floor(260 / 32) + Math.floor(300 / 32) + 7);
    expect((await counted(kidSteps(a, 300, b, 260, 16, { ...options, kernelCacheEntries: 0 }))).result).toEqual(direct);
  });

  it('FD', async () => {
    const a = gaussian(400, 24, 42);
    const b = gaussian(350, 24, 43, 1.2, 0.2);
    const fd = frechetDistance(a, 400, b, 350, 24);
    expect(fd).toMatchInlineSnapshot(`3.059503089523247`);
    const paused = await counted(frechetSteps(a, 400, b, 350, 24));
    expect(paused.result).toBe(fd);
    // After each Gaussian fit and between the two eigendecompositions.
    expect(paused.pauses).toBe(3);
  });

  it('stage-2 MI (M1..M4)', async () => {
    const x = gaussian(N, D, 37);
    const noisy = (seed: number) => {
      const noise = gaussian(N, D, seed);
      return x.map((v, i) => v + 0.3 * noise[i]!);
    };
    const sets = { x, m1: noisy(38), m2: noisy(39), m3: noisy(40), m4: gaussian(N, D, 41) };
    const scores = stage2MiScores(sets, N, D, [0, 1, 3], 'holdout');
    expect(scores.perFactor.map((p) => [p.m1, p.m2, p.m3, p.m4])).toMatchInlineSnapshot(`
      [
        [
          0.4654,
          0.4795,
          0.4583,
          0.0463,
        ],
        [
          0.4725,
          0.4628,
          0.4675,
          0.0511,
        ],
        [
          0.4672,
          0.4656,
          0.4551,
          0.0502,
        ],
      ]
    `);
    const paused = await counted(stage2MiSteps(sets, N, D, [0, 1, 3], 'holdout'));
    expect(paused.result).toEqual(scores);
    expect(paused.pauses).toBe(4);
  });
});
