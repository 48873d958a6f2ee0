/**
 * A numeric column as normal scores of its empirical quantiles ('quantile'): x -> Phi^-1(F(x)),
 * decoded by F^-1(Phi(z)), with F the training rows' CDF kept as quantile knots (the values at
 * probabilities k / (knots - 1)). It is the transform TabDDPM and sklearn's QuantileTransformer
 * (output 'normal') apply before a network, and the marginal the Gaussian copula baseline uses.
 *
 * Why it helps the model: whatever the column's shape (heavy tails, skew, a spike at 0, a few
 * repeated values), the encoded column is a bounded, roughly standard normal scalar, which the
 * stages' Gaussian likelihoods fit well; and decoding is the real quantile function, so the
 * synthetic column has the real marginal wherever the model gets the normal score's marginal
 * right. A value repeated in many rows is a flat run of knots: it encodes to the middle of its
 * CDF step and every score in that step decodes to exactly that value (no smearing of spikes).
 */
import { normalCdf, normalQuantile } from '../baseline/normal';

export interface QuantileTransform {
  readonly kind: 'quantile';
  /** Non-decreasing; knots[0] is the column's minimum and the last its maximum. */
  readonly knots: readonly number[];
}

/** Knots kept: the copula's count, enough for a KS distance under 0.004 from the interpolation. */
const KNOTS = 257;

/** The p-quantile of sorted values, interpolating between order statistics (R's type 7); the copula's marginals use it too. */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Fits the knots on a column's present values (at least one). */
export function fitQuantile(values: ArrayLike<number>, knots = KNOTS): QuantileTransform {
  if (values.length === 0) throw new Error('a quantile transform needs at least one value');
  const sorted = Float64Array.from(values).sort();
  const out: number[] = [];
  for (let k = 0; k < knots; k++) out.push(quantileOfSorted(sorted, k / (knots - 1)));
  return { kind: 'quantile', knots: out };
}

/**
 * Probabilities are squeezed into [e, 1 - e] before the normal quantile (e half a knot's share),
 * so the minimum and the maximum encode to about -/+2.9, not to infinity, and no encoded value is
 * an outlier; decoding undoes the squeeze, so every training value round-trips exactly.
 */
function edge(t: QuantileTransform): number {
  return 0.5 / (t.knots.length - 1);
}

/** The first index i with knots[i] >= x, or with `strict` knots[i] > x (knots.length if none). */
function bound(knots: ArrayLike<number>, x: number, strict: boolean): number {
  let lo = 0;
  let hi = knots.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (knots[mid]! < x || (strict && knots[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** x's position among sorted knots as a probability in [0, 1]; a value on a run of equal knots gets the run's middle. */
function probabilityIn(knots: ArrayLike<number>, x: number): number {
  const last = knots.length - 1;
  if (last <= 0) return 0.5;
  const lo = bound(knots, x, false);
  if (lo > last) return 1;
  if (knots[lo] === x) return (lo + bound(knots, x, true) - 1) / 2 / last;
  if (lo === 0) return 0;
  const a = knots[lo - 1]!;
  const b = knots[lo]!;
  return (lo - 1 + (x - a) / (b - a)) / last;
}

/** F(x) in [0, 1] under the column's knots. */
export function quantileProbability(t: QuantileTransform, x: number): number {
  return probabilityIn(t.knots, x);
}

/** x -> its normal score. */
export function quantileEncode(t: QuantileTransform, x: number): number {
  const e = edge(t);
  return normalQuantile(e + (1 - 2 * e) * quantileProbability(t, x));
}

/** A normal score -> a value of the column (inside [min, max] by construction). */
export function quantileDecode(t: QuantileTransform, z: number): number {
  const { knots } = t;
  const last = knots.length - 1;
  if (last === 0) return knots[0]!;
  const e = edge(t);
  // NaN (a diverged model) decodes to the median rather than spreading NaN into the rows.
  return quantileValueAt(t, Number.isNaN(z) ? 0.5 : (normalCdf(z) - e) / (1 - 2 * e));
}

/** The column's value at CDF probability p (clamped to [0, 1]): its quantile function, interpolated between knots. */
export function quantileValueAt(t: QuantileTransform, p: number): number {
  const { knots } = t;
  const last = knots.length - 1;
  if (last === 0) return knots[0]!;
  const h = Math.min(last, Math.max(0, (Number.isNaN(p) ? 0.5 : p) * last));
  const lo = Math.min(last - 1, Math.floor(h));
  return knots[lo]! + (h - lo) * (knots[lo + 1]! - knots[lo]!);
}

/** z's rank among sorted scores as a probability in [0, 1], interpolated between neighbours (ties: the middle of their run). */
export function rankAmong(sorted: ArrayLike<number>, z: number): number {
  return Number.isNaN(z) ? 0.5 : probabilityIn(sorted, z);
}
