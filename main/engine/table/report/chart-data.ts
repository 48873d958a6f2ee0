/**
 * Data behind the report's per-column charts (shares of the non-missing values):
 * - numeric / datetime: `bins` (20) equal-width bins over the REAL [min, max]; synthetic values
 *   outside that range are counted in the first or last bin (said under the chart);
 * - categorical / boolean: the `top` (20) categories by real frequency (then synthetic-only
 *   categories by synthetic frequency), with how many more categories were left out.
 */
import { frequencies, presentCategories, presentNumbers, type FeatureTable } from './common';

export interface NumericHistogram {
  readonly kind: 'numeric';
  readonly edges: number[];
  readonly real: number[];
  readonly synthetic: number[];
  /** Synthetic values below / above the real range, counted in the edge bins. */
  readonly synthetic_outside: number;
}

export interface CategoryBars {
  readonly kind: 'categorical';
  readonly labels: string[];
  readonly real: number[];
  readonly synthetic: number[];
  readonly omitted: number;
}

export function numericHistogram(real: FeatureTable, synthetic: FeatureTable, j: number, bins = 20): NumericHistogram {
  const r = presentNumbers(real.rows, j);
  const s = presentNumbers(synthetic.rows, j);
  const source = r.length > 0 ? r : s;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of source) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + k * width);
  let outside = 0;
  const count = (values: number[], track: boolean): number[] => {
    const c = new Array<number>(bins).fill(0);
    for (const v of values) {
      if (track && (v < lo || v > hi)) outside++;
      const b = Math.max(0, Math.min(bins - 1, Math.floor((v - lo) / width)));
      c[b] = c[b]! + 1;
    }
    return values.length > 0 ? c.map((x) => x / values.length) : c;
  };
  return { kind: 'numeric', edges, real: count(r, false), synthetic: count(s, true), synthetic_outside: outside };
}

export function categoryBars(real: FeatureTable, synthetic: FeatureTable, j: number, top = 20): CategoryBars {
  const pr = frequencies(presentCategories(real.rows, j));
  const ps = frequencies(presentCategories(synthetic.rows, j));
  const byFreq = (m: Map<string, number>): string[] =>
    [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([c]) => c);
  const order = [...byFreq(pr), ...byFreq(ps).filter((c) => !pr.has(c))];
  const labels = order.slice(0, top);
  return {
    kind: 'categorical',
    labels,
    real: labels.map((c) => pr.get(c) ?? 0),
    synthetic: labels.map((c) => ps.get(c) ?? 0),
    omitted: order.length - labels.length,
  };
}
