/**
 * Each column's marginal in the flow's (and the mixture's) samples matched to the training
 * rows', set once per synthesis on the same unconditional draw as the missing flags
 * (missing-calibration.ts). A flow gets a column's joint structure mostly right but its marginal
 * a little off (a categorical span's argmax slightly favours the big categories; a numeric score's
 * spread slightly narrow), and the column-shape score reads exactly that. So:
 * - a quantile-encoded numeric column (or a datetime's days): a sampled score is read as its rank u among the draw's
 *   scores and decoded at the column's real quantile u (x = F_real^-1(F_sample(z))): a monotone
 *   map, so every row keeps its order within the column (pair trends, conditions, the factors'
 *   direction) while the column takes the training rows' distribution;
 * - a categorical or boolean column: offsets added to its span before the argmax, found by a
 *   few multiplicative updates until the draw's argmax shares match the training shares.
 * Both targets are the training rows (the encoder's knots and frequencies): the hold-out the
 * report scores against is never read. Rows whose missing flag fires are left out of the draw's
 * shares, as missing cells are out of the real ones. Conditioned draws use the same maps, so a
 * fixed factor still moves a column's values around the calibrated centre.
 */
import type { Span } from '../encoding/spans';
import type { TableEncoder } from '../encoding/encoder';
import { quantileOfSorted } from '../encoding/quantile-transform';

/** Knots of a numeric column's sampled scores kept: a rank read from them is off by < 0.1%. */
const RANK_KNOTS = 1025;
/** Updates of the category offsets (the step shrinks each round). */
const OFFSET_ROUNDS = 30;

export interface MarginalCalibration {
  readonly numericRanks: Map<number, Float64Array>;
  readonly categoryOffsets: Map<number, Float64Array>;
}

/** The rows of the draw whose column is present (its missing flag, if any, below its threshold). */
function presentRows(encoded: ArrayLike<number>, n: number, width: number, spans: readonly Span[], missingFlag: boolean, thresholds: ReadonlyMap<number, number> | undefined): number[] {
  const rows: number[] = [];
  const flag = missingFlag ? spans[spans.length - 1]!.start : -1;
  const threshold = flag >= 0 ? (thresholds?.get(flag) ?? 0.5) : Infinity;
  for (let i = 0; i < n; i++) if (flag < 0 || !(encoded[i * width + flag]! > threshold)) rows.push(i);
  return rows;
}

/** Sorted scores at RANK_KNOTS even probabilities (type 7 quantiles). */
function rankKnots(values: Float64Array): Float64Array {
  values.sort();
  const knots = Math.min(RANK_KNOTS, values.length);
  return Float64Array.from({ length: knots }, (_, k) => quantileOfSorted(values, knots === 1 ? 0 : k / (knots - 1)));
}

/** Offsets o with shares of argmax(x + o) over `rows` close to `target`. */
function categoryOffsets(encoded: ArrayLike<number>, rows: readonly number[], width: number, start: number, k: number, target: readonly number[]): Float64Array {
  const offsets = new Float64Array(k);
  const counts = new Float64Array(k);
  // A category the training rows never show stays where the model put it (no log of 0).
  const floor = 0.5 / Math.max(1, rows.length);
  for (let round = 0; round < OFFSET_ROUNDS; round++) {
    counts.fill(0);
    for (const i of rows) {
      const base = i * width + start;
      let best = 0;
      for (let j = 1; j < k; j++) if (encoded[base + j]! + offsets[j]! > encoded[base + best]! + offsets[best]!) best = j;
      counts[best]!++;
    }
    // Offsets are in the span's units (a one-hot with the flow's noise, ~0-1), shares in log
    // ratio: a small, shrinking step, since one offset moves several categories' shares at once.
    const step = 0.2 / (1 + round / 8);
    for (let j = 0; j < k; j++) {
      if (!(target[j]! > 0)) continue;
      offsets[j]! += step * Math.log(target[j]! / Math.max(floor, counts[j]! / rows.length));
    }
  }
  return offsets;
}

/** The calibration for one synthesis, from an unconditional draw of n activated rows. */
export function marginalCalibration(encoded: ArrayLike<number>, n: number, encoder: TableEncoder, missingThresholds?: ReadonlyMap<number, number>): MarginalCalibration {
  const width = encoder.width;
  const numericRanks = new Map<number, Float64Array>();
  const offsets = new Map<number, Float64Array>();
  for (const { codec, spans } of encoder.columnSpans()) {
    if (codec.kind === 'excluded') continue;
    const rows = presentRows(encoded, n, width, spans, codec.missingFlag, missingThresholds);
    if (rows.length < 2) continue;
    const start = spans[0]!.start;
    if ((codec.kind === 'number' && codec.transform.kind === 'quantile') || (codec.kind === 'datetime' && codec.daysQuantile)) {
      numericRanks.set(start, rankKnots(Float64Array.from(rows, (i) => encoded[i * width + start]!)));
    } else if ((codec.kind === 'categorical' || codec.kind === 'boolean') && codec.frequencies) {
      offsets.set(start, categoryOffsets(encoded, rows, width, start, spans[0]!.width, codec.frequencies));
    }
  }
  return { numericRanks, categoryOffsets: offsets };
}
