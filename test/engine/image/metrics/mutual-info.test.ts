import { describe, expect, it } from 'vitest';

import { discretizeColumns, entropy, histogramDiscretize, mutualInfo } from '../../../../main/engine/image/metrics/mutual-info';

const labels = (...values: number[]): Int32Array => Int32Array.from(values);

describe('histogramDiscretize (np.digitize(x, np.histogram(x, bins)[1][:-1]), 0-based)', () => {
  it('puts values in equal-width bins, the maximum in the last bin', () => {
    // edges [0, 0.5]: numpy gives [1, 2, 2, 1] (1-based).
    expect([...histogramDiscretize([0, 0.5, 1, 0.49], 2)]).toEqual([0, 1, 1, 0]);
    // Values on the edges fall either side by rounding, exactly as in numpy:
    // x = np.arange(21) / 20; np.digitize(x, np.histogram(x, 20)[1][:-1]) - 1
    const x = Array.from({ length: 21 }, (_, i) => i / 20);
    const numpy = [0, 1, 2, 2, 4, 5, 5, 6, 8, 9, 10, 11, 11, 13, 13, 15, 16, 16, 18, 18, 19];
    expect([...histogramDiscretize(x, 20)]).toEqual(numpy);
  });

  it('gives a constant column one label and rejects non-finite values', () => {
    expect(new Set(histogramDiscretize([3, 3, 3], 20)).size).toBe(1);
    expect(() => histogramDiscretize([0, NaN], 20)).toThrow(RangeError);
  });

  it('discretises each column of a row-major matrix separately', () => {
    // Column 0 spans [0, 1], column 1 spans [100, 300].
    const cols = discretizeColumns([0, 100, 1, 300, 0.5, 200], 3, 2, 2);
    expect([...cols[0]!]).toEqual([0, 1, 1]);
    expect([...cols[1]!]).toEqual([0, 1, 1]);
  });
});

describe('mutualInfo (sklearn.metrics.mutual_info_score, nats)', () => {
  it('matches hand-computed contingency tables', () => {
    expect(mutualInfo(labels(0, 0, 1, 1), labels(5, 5, 7, 7))).toBeCloseTo(Math.log(2), 12);
    expect(mutualInfo(labels(0, 0, 1, 1), labels(0, 1, 0, 1))).toBe(0);
    // Cells (0,0)=2, (0,1)=1, (1,1)=1; rows 3,1; columns 2,2.
    const expected = 0.5 * Math.log(4 / 3) + 0.25 * Math.log(2 / 3) + 0.25 * Math.log(2);
    expect(mutualInfo(labels(0, 0, 0, 1), labels(0, 0, 1, 1))).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.2157615543388357, 12); // sklearn's value
  });

  it('is symmetric and 0 when one side has a single label', () => {
    const a = labels(0, 1, 2, 2, 1, 0, 0, 3);
    const b = labels(1, 1, 0, 2, 2, 0, 1, 1);
    expect(mutualInfo(a, b)).toBeCloseTo(mutualInfo(b, a), 14);
    expect(mutualInfo(a, labels(4, 4, 4, 4, 4, 4, 4, 4))).toBe(0);
  });

  it('equals the entropy for identical labels', () => {
    const a = labels(0, 0, 0, 1, 2, 2, 9, 9, 9, 9);
    expect(mutualInfo(a, a)).toBeCloseTo(entropy(a), 12);
    expect(entropy(labels(0, 0, 0, 1))).toBeCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), 12);
    expect(entropy(labels(1, 1, 1))).toBe(0);
  });
});
