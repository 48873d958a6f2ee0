/**
 * Column-pair trends: how well the relationship between two feature columns is reproduced.
 *
 * SDMetrics definitions (docs.sdv.dev/sdmetrics, "Column Pair Trends" in the Quality Report):
 * - CorrelationSimilarity (both columns numerical/datetime): 1 - |r_R - r_S| / 2, where r is the
 *   Pearson correlation (SDMetrics' default coefficient) of the two columns in the real (R) and
 *   synthetic (S) table, on the rows where both cells are present. Score 0 means r = 1 vs r = -1.
 * - ContingencySimilarity (any other pair): 1 - TVD of the two normalised contingency tables,
 *   TVD = 1/2 * sum over (a, b) of |R_ab - S_ab|. As SDMetrics does for pairs with a numerical
 *   column, the numerical column is discretised into 10 equal-width bins over the REAL column's
 *   range (numpy.histogram_bin_edges), with the outer edges opened to -inf / +inf so synthetic
 *   values outside the real range fall into the first or last bin.
 *
 * Our choices, stated in the report's notes:
 * - In a contingency table a missing cell is its own level (missing in both columns, missing in
 *   one), so the joint pattern of missing values is part of the trend. Pearson r ignores them.
 * - Incomputable pairs are left out of the mean and listed with the reason, as in SDMetrics:
 *   CorrelationSimilarity raises ConstantInputError for a constant column and gets NaN from
 *   pearsonr with fewer than 2 complete rows; ColumnPairTrends records Score NaN with the Error
 *   and averages with pandas' mean, which skips NaN (sdmetrics/column_pairs/statistical/
 *   correlation_similarity.py, reports/single_table/_properties/column_pair_trends.py).
 *   ContingencySimilarity is incomputable only for a table with no rows (division by zero there).
 * - A real range of a single value discretises into three levels: below, equal, above it.
 * - Wide tables: when there are more than `maxPairs` pairs (default 1,000), a seeded uniform
 *   sample of `maxPairs` distinct pairs is scored and the result says it was sampled.
 */
import { mulberry32 } from '../../core/seeded-rng';
import { runToEnd, type Steps } from '../../core/steps';
import { categoryCell, isNumericType, numericColumn, type FeatureTable } from './common';
import type { ColumnPairScore, ColumnPairsCoverage, IncomputablePair } from '../../../../shared/table-report';

// The report's shapes are declared in shared/ (they cross the process boundary as the job's output).
export type { ColumnPairScore, IncomputablePair };

export interface ColumnPairsResult extends ColumnPairsCoverage {
  /** The scored pairs (the property score is their mean). */
  readonly pairs: ColumnPairScore[];
}

export interface ColumnPairsOptions {
  readonly maxPairs?: number;
  readonly seed?: number;
  /** Equal-width bins for numeric columns in contingency tables (SDMetrics: 10). */
  readonly bins?: number;
}

/** Pearson correlation of x and y over indices where both are present (not NaN); null if undefined. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    n++;
    sx += a;
    sy += b;
  }
  if (n < 2) return null;
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    const da = a - mx;
    const db = b - my;
    cxy += da * db;
    cxx += da * da;
    cyy += db * db;
  }
  if (!(cxx > 0) || !(cyy > 0)) return null;
  return Math.max(-1, Math.min(1, cxy / Math.sqrt(cxx * cyy)));
}

/** Whether the present values of x are all one value (pandas nunique() == 1: NaN not counted). */
function isConstant(x: Float64Array): boolean {
  let first = Number.NaN;
  for (const v of x) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return !Number.isNaN(first);
}

/** One column coded into shared levels for both tables (the last level is "missing"). */
interface CodedColumn {
  readonly real: Int32Array;
  readonly synthetic: Int32Array;
  readonly levels: number;
}

/** Equal-width bins over the real range, outer bins open; numeric values in, level codes out. */
function binner(realValues: Float64Array, fallback: Float64Array, bins: number): { levels: number; code: (v: number) => number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of realValues) {
    if (Number.isNaN(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) {
    // No real values: bin over the synthetic range so the pair still compares something.
    for (const v of fallback) {
      if (Number.isNaN(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > lo)) {
    const at = lo;
    return { levels: 3, code: (v) => (v < at ? 0 : v > at ? 2 : 1) };
  }
  const width = hi - lo;
  return {
    levels: bins,
    code: (v) => Math.max(0, Math.min(bins - 1, Math.floor(((v - lo) / width) * bins))),
  };
}

function codeColumn(real: FeatureTable, synthetic: FeatureTable, j: number, bins: number): CodedColumn {
  const col = real.columns[j]!;
  if (isNumericType(col.type)) {
    const r = numericColumn(real.rows, j);
    const s = numericColumn(synthetic.rows, j);
    const b = binner(r, s, bins);
    const missing = b.levels;
    const code = (values: Float64Array): Int32Array => Int32Array.from(values, (v) => (Number.isNaN(v) ? missing : b.code(v)));
    return { real: code(r), synthetic: code(s), levels: b.levels + 1 };
  }
  const dictionary = new Map<string, number>();
  const labelCodes = (table: FeatureTable): (number | null)[] =>
    table.rows.map((row) => {
      const c = categoryCell(row[j]);
      if (c === null) return null;
      let k = dictionary.get(c);
      if (k === undefined) {
        k = dictionary.size;
        dictionary.set(c, k);
      }
      return k;
    });
  const r = labelCodes(real);
  const s = labelCodes(synthetic);
  const missing = dictionary.size;
  return {
    real: Int32Array.from(r, (k) => k ?? missing),
    synthetic: Int32Array.from(s, (k) => k ?? missing),
    levels: missing + 1,
  };
}

/** Normalised joint counts of two coded columns, keyed by a * levelsB + b. */
function jointFrequencies(a: Int32Array, b: Int32Array, levelsB: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const key = a[i]! * levelsB + b[i]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const n = a.length;
  for (const [k, v] of counts) counts.set(k, v / n);
  return counts;
}

/** 1 - TVD of the joint frequency tables of two coded columns; 1 for two empty tables, 0 for one (callers leave empty tables out). */
export function contingencySimilarity(
  a: { real: Int32Array; synthetic: Int32Array },
  b: { real: Int32Array; synthetic: Int32Array; levels: number },
): number {
  const nr = a.real.length;
  const ns = a.synthetic.length;
  if (nr === 0 && ns === 0) return 1;
  if (nr === 0 || ns === 0) return 0;
  const pr = jointFrequencies(a.real, b.real, b.levels);
  const ps = jointFrequencies(a.synthetic, b.synthetic, b.levels);
  let sum = 0;
  for (const [k, p] of pr) sum += Math.abs(p - (ps.get(k) ?? 0));
  for (const [k, p] of ps) if (!pr.has(k)) sum += p;
  return Math.max(0, 1 - sum / 2);
}

/** The pairs (i < j) to score: all of them, or a seeded sample of maxPairs distinct ones. */
export function choosePairs(m: number, maxPairs: number, seed: number): { pairs: [number, number][]; total: number; sampled: boolean } {
  const total = (m * (m - 1)) / 2;
  const all = (): [number, number][] => {
    const out: [number, number][] = [];
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) out.push([i, j]);
    return out;
  };
  if (total <= maxPairs) return { pairs: all(), total, sampled: false };
  const random = mulberry32(seed);
  const chosen = new Set<number>();
  // Rejection sampling of distinct (i, j): at most about total / (total - maxPairs) draws each.
  while (chosen.size < maxPairs) {
    const i = Math.floor(random() * m);
    const j = Math.floor(random() * m);
    if (i === j) continue;
    chosen.add(Math.min(i, j) * m + Math.max(i, j));
  }
  const pairs = [...chosen].sort((x, y) => x - y).map((k): [number, number] => [Math.floor(k / m), k % m]);
  return { pairs, total, sampled: true };
}

/** Scores column-pair trends for every (or a sampled set of) pair of feature columns. */
export function columnPairs(real: FeatureTable, synthetic: FeatureTable, options: ColumnPairsOptions = {}): ColumnPairsResult {
  return runToEnd(columnPairsSteps(real, synthetic, options));
}

/** columnPairs as steps (core/steps.ts), a pause point before each pair: up to 1,000 pairs of a few thousand rows. */
export function* columnPairsSteps(real: FeatureTable, synthetic: FeatureTable, options: ColumnPairsOptions = {}): Steps<ColumnPairsResult> {
  const maxPairs = options.maxPairs ?? 1000;
  const bins = options.bins ?? 10;
  const m = real.columns.length;
  const chosen = choosePairs(m, maxPairs, options.seed ?? 0);

  const numericCache = new Map<number, { real: Float64Array; synthetic: Float64Array }>();
  const numeric = (j: number): { real: Float64Array; synthetic: Float64Array } => {
    let v = numericCache.get(j);
    if (!v) {
      v = { real: numericColumn(real.rows, j), synthetic: numericColumn(synthetic.rows, j) };
      numericCache.set(j, v);
    }
    return v;
  };
  const codedCache = new Map<number, CodedColumn>();
  const coded = (j: number): CodedColumn => {
    let v = codedCache.get(j);
    if (!v) {
      v = codeColumn(real, synthetic, j, bins);
      codedCache.set(j, v);
    }
    return v;
  };

  const pairs: ColumnPairScore[] = [];
  const incomputable: IncomputablePair[] = [];
  // Why Pearson r is undefined in one table, in SDMetrics' terms (null: it is defined).
  const whyNoR = (label: string, x: Float64Array, y: Float64Array, names: [string, string]): string | null => {
    const constant = names.filter((_, k) => isConstant(k === 0 ? x : y));
    if (constant.length > 0) return `the ${label} data in ${constant.map((c) => `'${c}'`).join(', ')} contains a constant value; correlation is undefined for constant data`;
    return pearson(x, y) === null ? `fewer than 2 rows of the ${label} data have both values` : null;
  };
  for (const [i, j] of chosen.pairs) {
    yield;
    const ci = real.columns[i]!;
    const cj = real.columns[j]!;
    if (isNumericType(ci.type) && isNumericType(cj.type)) {
      const a = numeric(i);
      const b = numeric(j);
      const reason = whyNoR('real', a.real, b.real, [ci.name, cj.name]) ?? whyNoR('synthetic', a.synthetic, b.synthetic, [ci.name, cj.name]);
      if (reason !== null) {
        incomputable.push({ column_1: ci.name, column_2: cj.name, metric: 'CorrelationSimilarity', reason });
        continue;
      }
      const rr = pearson(a.real, b.real)!;
      const rs = pearson(a.synthetic, b.synthetic)!;
      pairs.push({ column_1: ci.name, column_2: cj.name, metric: 'CorrelationSimilarity', score: 1 - Math.abs(rr - rs) / 2, real_correlation: rr, synthetic_correlation: rs });
      continue;
    }
    if (real.rows.length === 0 || synthetic.rows.length === 0) {
      incomputable.push({ column_1: ci.name, column_2: cj.name, metric: 'ContingencySimilarity', reason: `the ${real.rows.length === 0 ? 'real' : 'synthetic'} table has no rows` });
      continue;
    }
    pairs.push({ column_1: ci.name, column_2: cj.name, metric: 'ContingencySimilarity', score: contingencySimilarity(coded(i), coded(j)) });
  }

  return { pairs, incomputable, total_pairs: chosen.total, evaluated_pairs: pairs.length + incomputable.length, sampled: chosen.sampled, max_pairs: maxPairs, bins };
}

/** Pearson correlation matrix of the given numeric feature columns (null where undefined). */
export function correlationMatrix(table: FeatureTable, columnIndices: readonly number[]): (number | null)[][] {
  const values = columnIndices.map((j) => numericColumn(table.rows, j));
  return values.map((a, x) => values.map((b, y) => (x === y ? (pearson(a, a) === null ? null : 1) : pearson(a, b))));
}
