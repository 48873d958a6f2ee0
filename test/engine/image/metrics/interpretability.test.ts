import { describe, expect, it } from 'vitest';

import { classifierAccuracy, majorityAccuracy } from '../../../../main/engine/image/metrics/code-classifier';
import { interpretabilityScores } from '../../../../main/engine/image/metrics/interpretability';
import { gaussian, perfectCode, uniformFactors } from './helpers';

const N = 2000;

describe('the code classifier (interpretability)', () => {
  it('reads a label one code dim orders (6 classes along it) past noise dims', () => {
    // Label = position along one code dim (6 ordered classes, as dSprites scale), with noise dims beside it.
    const labels = uniformFactors(N, [6], 1);
    const codes = perfectCode(labels, N, 1, 4, 2);
    const half = N / 2;
    const fit = { x: codes.subarray(0, half * 4), y: labels.subarray(0, half), n: half };
    const test = { x: codes.subarray(half * 4), y: labels.subarray(half), n: half };
    expect(classifierAccuracy(fit, test, 4, 6)).toBeGreaterThan(0.9);
  });

  it('scores about chance on codes unrelated to the label', () => {
    const labels = uniformFactors(N, [4], 3);
    const codes = gaussian(N, 6, 4);
    const half = N / 2;
    const accuracy = classifierAccuracy({ x: codes.subarray(0, half * 6), y: labels.subarray(0, half), n: half }, { x: codes.subarray(half * 6), y: labels.subarray(half), n: half }, 6, 4);
    expect(accuracy).toBeGreaterThan(0.18);
    expect(accuracy).toBeLessThan(0.32);
  });

  it('gives the majority class as chance', () => {
    expect(majorityAccuracy(Int32Array.from([2, 2, 1, 0]), Int32Array.from([2, 1, 2, 2]), 3)).toBe(0.75);
  });
});

describe('interpretabilityScores', () => {
  it('finds each label where it is: in C, in Z, and in C+Z for both', () => {
    // Label a lives in C only, label b in Z only.
    const labels = uniformFactors(N, [3, 5], 5);
    const a = labels.filter((_, i) => i % 2 === 0);
    const b = labels.filter((_, i) => i % 2 === 1);
    const c = perfectCode(a, N, 1, 3, 6);
    const z = perfectCode(b, N, 1, 4, 7);
    const scores = interpretabilityScores({ n: N, c: { values: c, dims: 3 }, z: { values: z, dims: 4 }, labelValues: labels, labels: [{ name: 'a', values: 3 }, { name: 'b', values: 5 }], split: 'holdout' });
    expect(scores.n).toBe(N / 2);
    const [sa, sb] = scores.labels;
    expect(sa).toMatchObject({ name: 'a', classes: 3 });
    expect(sa!.c).toBeGreaterThan(0.95);
    expect(sa!.z!).toBeLessThan(sa!.chance + 0.08);
    expect(sb!.c).toBeLessThan(sb!.chance + 0.08);
    expect(sb!.z!).toBeGreaterThan(0.95);
    expect(sa!.cz!).toBeGreaterThan(0.95);
    expect(sb!.cz!).toBeGreaterThan(0.95);
    expect(sa!.chance).toBeGreaterThan(0.28);
    expect(sa!.chance).toBeLessThan(0.4);
  });

  it('leaves Z and C+Z null without stage 2', () => {
    const labels = uniformFactors(200, [2], 8);
    const scores = interpretabilityScores({ n: 200, c: { values: perfectCode(labels, 200, 1, 2, 9), dims: 2 }, z: null, labelValues: labels, labels: [{ name: 'shape', values: 2 }], split: 'full-grid' });
    expect(scores.labels[0]).toMatchObject({ z: null, cz: null });
    expect(scores.labels[0]!.c).toBeGreaterThan(0.95);
  });
});
