/**
 * Mutual Information Gap (Chen et al. 2018) with the disentanglement_lib recipe
 * (evaluation/metrics/mig.py `_compute_mig`): discretise each mean-code dimension into 20
 * equal-width bins, MI matrix [d x f] in nats (sklearn mutual_info_score), and per factor
 * (top-1 MI - top-2 MI) / H(factor); the score is the mean over factors.
 *
 * Deviation: disentanglement_lib divides by zero for a constant factor (nan/inf). Here factors
 * with zero entropy are left out of the mean and listed in `skippedFactors`.
 */
import { runToEnd, type Steps } from '../../core/steps';
import { DEFAULT_BINS, discretizeColumns, entropy, intColumn, mutualInfo } from './mutual-info';

export interface FactorMig {
  name: string;
  /** (MI(top code) - MI(second code)) / H(factor). */
  mig: number;
  /** Code dimension with the most MI about this factor. */
  topCode: number;
  /** Code dimension with the second most MI (-1 when the code has one dimension). */
  secondCode: number;
  /** Entropy of the factor in nats (the normaliser). */
  entropy: number;
}

export interface MigResult {
  /** Mean over the factors in `perFactor`; NaN when every factor is constant. */
  mig: number;
  perFactor: FactorMig[];
  /** Factors left out because they are constant over the samples (zero entropy). */
  skippedFactors: string[];
  /** MI in nats, row-major [d x f] (code dimension by factor), for display. */
  mutualInfo: Float64Array;
}

export interface MigOptions {
  bins?: number;
  factorNames?: string[];
}

/** Names for the factors: the given ones, else factor_0, factor_1, ... */
export function factorNamesOrDefault(f: number, names?: string[]): string[] {
  if (names && names.length !== f) throw new RangeError(`${names.length} factor names for ${f} factors`);
  return names ?? Array.from({ length: f }, (_, j) => `factor_${j}`);
}

/** Indices of the largest and second largest values of column j of a row-major [d x f] matrix. */
export function topTwo(matrix: Float64Array, d: number, f: number, j: number): [number, number] {
  let first = -1;
  let second = -1;
  for (let k = 0; k < d; k++) {
    const v = matrix[k * f + j]!;
    if (first < 0 || v > matrix[first * f + j]!) {
      second = first;
      first = k;
    } else if (second < 0 || v > matrix[second * f + j]!) {
      second = k;
    }
  }
  return [first, second];
}

/**
 * MIG of mean codes `codes` (row-major [n x d]) against discrete ground-truth factors
 * `factors` (row-major [n x f]).
 */
export function computeMig(codes: Float32Array, n: number, d: number, factors: Int32Array, f: number, options: MigOptions = {}): MigResult {
  return runToEnd(migSteps(codes, n, d, factors, f, options));
}

/** computeMig as steps (core/steps.ts), a pause point after each code dimension's MI row. */
export function* migSteps(codes: Float32Array, n: number, d: number, factors: Int32Array, f: number, options: MigOptions = {}): Steps<MigResult> {
  if (codes.length !== n * d) throw new RangeError(`codes has ${codes.length} values, expected ${n} x ${d}`);
  if (factors.length !== n * f) throw new RangeError(`factors has ${factors.length} values, expected ${n} x ${f}`);
  if (d < 1 || f < 1) throw new RangeError('need at least one code dimension and one factor');
  const names = factorNamesOrDefault(f, options.factorNames);
  const discrete = discretizeColumns(codes, n, d, options.bins ?? DEFAULT_BINS);
  const factorColumns = Array.from({ length: f }, (_, j) => intColumn(factors, n, f, j));
  const mi = new Float64Array(d * f);
  for (let k = 0; k < d; k++) {
    for (let j = 0; j < f; j++) mi[k * f + j] = mutualInfo(discrete[k]!, factorColumns[j]!);
    yield;
  }
  const perFactor: FactorMig[] = [];
  const skippedFactors: string[] = [];
  for (let j = 0; j < f; j++) {
    const h = entropy(factorColumns[j]!);
    if (h <= 0) {
      skippedFactors.push(names[j]!);
      continue;
    }
    const [top, second] = topTwo(mi, d, f, j);
    // With a single code dimension the "second best" carries no information (MI 0).
    const gap = mi[top * f + j]! - (second >= 0 ? mi[second * f + j]! : 0);
    perFactor.push({ name: names[j]!, mig: gap / h, topCode: top, secondCode: second, entropy: h });
  }
  const mig = perFactor.length > 0 ? perFactor.reduce((s, p) => s + p.mig, 0) / perFactor.length : NaN;
  return { mig, perFactor, skippedFactors, mutualInfo: mi };
}
