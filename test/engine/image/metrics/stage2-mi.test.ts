import { describe, expect, it } from 'vitest';

import { stage2MiScores } from '../../../../main/engine/image/metrics/stage2-mi';
import { gaussian } from './helpers';

const N = 5000;
const D = 3;

describe('stage2MiScores (M1-M4)', () => {
  it('is high where the code is read back unchanged and near 0 where it is independent', () => {
    const x = gaussian(N, D, 1);
    const noise = gaussian(N, D, 2, 0.05);
    const copy = x.map((v, i) => v + noise[i]!);
    const scores = stage2MiScores({ x, m1: x, m2: copy, m3: copy, m4: gaussian(N, D, 3) }, N, D, [0, 2], 'holdout');
    expect(scores).toMatchObject({ n: N, split: 'holdout' });
    expect(scores.perFactor.map((p) => p.factor)).toEqual(['c0', 'c2']);
    for (const p of scores.perFactor) {
      expect(p.m1).toBe(1);
      expect(p.m2!).toBeGreaterThan(0.6);
      expect(p.m3!).toBeGreaterThan(0.6);
      expect(p.m4!).toBeLessThan(0.05);
    }
  });

  it('gives null for a factor that is constant over the images', () => {
    const x = gaussian(N, D, 4);
    for (let i = 0; i < N; i++) x[i * D + 1] = 0;
    const scores = stage2MiScores({ x, m1: x, m2: x, m3: x, m4: x }, N, D, [1], 'test');
    expect(scores.perFactor[0]).toEqual({ factor: 'c1', m1: null, m2: null, m3: null, m4: null });
  });
});
