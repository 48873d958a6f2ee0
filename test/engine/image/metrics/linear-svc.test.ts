import { describe, expect, it } from 'vitest';

import { fitBinarySvm, fitLinearSvc, linearSvcAccuracy, predictLinearSvc, svmGradient } from '../../../../main/engine/image/metrics/linear-svc';

const f64 = (...v: number[]) => Float64Array.from(v);
const i32 = (...v: number[]) => Int32Array.from(v);

describe('fitBinarySvm (L2-regularised squared hinge, regularised bias)', () => {
  it('matches hand-solved two-point problems', () => {
    // x = -1 (y = -1), x = +1 (y = +1), C = 1: b = 0 by symmetry, w - 4 (1 - w) = 0 -> w = 0.8.
    const sym = fitBinarySvm(f64(-1, 1), Int8Array.from([-1, 1]), f64(1, 1));
    expect(sym.w).toBeCloseTo(0.8, 12);
    expect(sym.b).toBeCloseTo(0, 12);
    // x = 0 (y = -1), x = 2 (y = +1), C = 1: 9w + 4b = 4 and 5b + 4w = 0 -> w = 20/29, b = -16/29.
    const asym = fitBinarySvm(f64(0, 2), Int8Array.from([-1, 1]), f64(1, 1));
    expect(asym.w).toBeCloseTo(20 / 29, 12);
    expect(asym.b).toBeCloseTo(-16 / 29, 12);
  });

  it('ignores points beyond the margin (zero hinge) and stops at a zero gradient', () => {
    const x = f64(0, 2, 10);
    const y = Int8Array.from([-1, 1, 1]);
    const cost = f64(1, 1, 1);
    const fit = fitBinarySvm(x, y, cost);
    expect(fit.w).toBeCloseTo(20 / 29, 12);
    expect(fit.b).toBeCloseTo(-16 / 29, 12);
    const [gw, gb] = svmGradient(x, y, cost, fit.w, fit.b);
    expect(Math.hypot(gw, gb)).toBeLessThan(1e-10);
  });
});

describe('fitLinearSvc (sklearn LinearSVC, C = 0.01, class_weight balanced)', () => {
  it('solves the symmetric 3-class case by hand (one-vs-rest)', () => {
    // 100 samples at each of x = -1, 0, 1 (classes 0, 1, 2); weights are all 1, each group's C sums to 1.
    const n = 300;
    const x = Float64Array.from({ length: n }, (_, i) => (i % 3) - 1);
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    const model = fitLinearSvc(x, labels, 0.01);
    // Middle: w = 0, b - 2(1 - b) + 4(1 + b) = 0 -> b = -2/7.
    expect(model.models[1]!.w).toBeCloseTo(0, 10);
    expect(model.models[1]!.b).toBeCloseTo(-2 / 7, 10);
    // Right: the x = -1 group lies beyond the margin; 3w + 2b = 2 and 5b + 2w = 0 -> w = 10/11, b = -4/11.
    expect(model.models[2]!.w).toBeCloseTo(10 / 11, 10);
    expect(model.models[2]!.b).toBeCloseTo(-4 / 11, 10);
    expect(model.models[0]!.w).toBeCloseTo(-10 / 11, 10);
    expect(linearSvcAccuracy(model, x, labels)).toBe(1);
    expect([...model.classes]).toEqual([0, 1, 2]);
  });

  it('weights like liblinear: OvR positives C n / (K n_k), the rest plain C; binary both sides weighted', () => {
    // Unequal classes 0 (60), 5 (30), 9 (10) on overlapping values.
    const labels = Int32Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : i < 90 ? 5 : 9));
    const x = Float64Array.from({ length: 100 }, (_, i) => Math.sin(i) + (labels[i]! === 5 ? 0.5 : labels[i]! === 9 ? 1 : 0));
    const C = 0.5;
    const model = fitLinearSvc(x, labels, C);
    const counts = new Map([[0, 60], [5, 30], [9, 10]]);
    model.models.forEach((m, k) => {
      const positive = model.classes[k]!;
      const y = Int8Array.from(labels, (l) => (l === positive ? 1 : -1));
      const cost = Float64Array.from(labels, (l) => (l === positive ? (C * 100) / (3 * counts.get(positive)!) : C));
      const [gw, gb] = svmGradient(x, y, cost, m.w, m.b);
      expect(Math.hypot(gw, gb)).toBeLessThan(1e-8);
    });
    // Two classes: one problem, positive = the larger label, each side at C n / (2 n_k).
    const two = labels.subarray(0, 90);
    const binary = fitLinearSvc(x.subarray(0, 90), two, C);
    expect(binary.models).toHaveLength(1);
    const y = Int8Array.from(two, (l) => (l === 5 ? 1 : -1));
    const cost = Float64Array.from(two, (l) => (C * 90) / (2 * (l === 5 ? 30 : 60)));
    const [gw, gb] = svmGradient(x.subarray(0, 90), y, cost, binary.models[0]!.w, binary.models[0]!.b);
    expect(Math.hypot(gw, gb)).toBeLessThan(1e-8);
    expect(predictLinearSvc(binary, 100)).toBe(binary.models[0]!.w > 0 ? 5 : 0);
  });

  it('matches sklearn 1.2.1 LinearSVC(C, class_weight="balanced") on unequal, overlapping classes', () => {
    // Reference: sklearn.svm.LinearSVC(C=C, class_weight='balanced', tol=1e-12).fit(x[:, None], y)
    // on these 24 points (classes 0, 1, 2 with 12, 6, 6 samples).
    const x = f64(-1, 1, 0.8, 1, 0.8, 0.6, 0.8, 0.6, 0.4, 0.6, 0.4, 0.2, 0.4, 0.2, 2.2, 0.2, 0, 2, 0, -0.2, 1.8, -0.2, -0.4, 1.6);
    const y = Int32Array.from({ length: 24 }, (_, i) => (i >= 20 ? 0 : i % 3));
    const sklearn = [
      { C: 0.01, coef: [-0.0693307379, -0.088205334, 0.0385152573], intercept: [-0.0582252966, -0.1032997901, -0.139619852], pred: [0, 2, 2, 2, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 2, 0, 0, 2, 0, 0, 2] },
      { C: 1, coef: [-0.2132160664, -0.1937276913, 0.4266842232], intercept: [-0.108685465, -0.2450614425, -0.6351662967], pred: [0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 2, 0, 0, 2, 0, 0, 2] },
    ];
    for (const ref of sklearn) {
      const model = fitLinearSvc(x, y, ref.C);
      model.models.forEach((m, k) => {
        expect(m.w).toBeCloseTo(ref.coef[k]!, 6);
        expect(m.b).toBeCloseTo(ref.intercept[k]!, 6);
      });
      expect([...x].map((v) => predictLinearSvc(model, v))).toEqual(ref.pred);
    }
  });

  it('predicts the only class when training has one', () => {
    const model = fitLinearSvc(f64(1, 2, 3), i32(4, 4, 4));
    expect(predictLinearSvc(model, -5)).toBe(4);
  });
});
