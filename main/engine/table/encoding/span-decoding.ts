/** Reading values back out of spans: the decode options and the choices every column type shares. */

export interface DecodeOptions {
  /** Sample categories / modes from their probabilities and missing flags as Bernoulli, instead of argmax / > 0.5. */
  readonly sample?: boolean;
  /** Uniform [0, 1) source for sampling. Default Math.random. */
  readonly random?: () => number;
  /** The input holds logits (softmax / sigmoid applied here) instead of probabilities. Default false. */
  readonly logits?: boolean;
  /** Index of the first row across calls, so integer identifiers stay unique when decoding in chunks. Default 0. */
  readonly rowOffset?: number;
  /** New rows (not a round trip): an excluded constant column's cells go missing at its real rate even without `sample`. */
  readonly synthetic?: boolean;
  /** Without `sample`: per missing flag's position in the row, the value above which it is missing (default 0.5). */
  readonly missingThresholds?: ReadonlyMap<number, number>;
  /** Without `sample`: per categorical span's position in the row, offsets added to its values before the argmax (marginal-calibration.ts). */
  readonly categoryOffsets?: ReadonlyMap<number, ArrayLike<number>>;
  /** Per numeric span's position: the calibration draw's sorted scores; a score is read as its rank among them (marginal-calibration.ts). */
  readonly numericRanks?: ReadonlyMap<number, ArrayLike<number>>;
}

export const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/** Argmax of a span (first on ties: the most frequent category), or a draw from its probabilities; `offsets` shift the argmax only. */
export function pick(x: ArrayLike<number>, start: number, width: number, options: DecodeOptions, random: () => number, offsets?: ArrayLike<number>): number {
  let best = 0;
  if (!options.sample && offsets) {
    for (let i = 1; i < width; i++) if (x[start + i]! + offsets[i]! > x[start + best]! + offsets[best]!) best = i;
    return best;
  }
  for (let i = 1; i < width; i++) if (x[start + i]! > x[start + best]!) best = i;
  if (!options.sample) return best;
  const p = new Float64Array(width);
  let sum = 0;
  for (let i = 0; i < width; i++) {
    const v = x[start + i]!;
    p[i] = options.logits ? Math.exp(v - x[start + best]!) : Math.max(0, v);
    sum += p[i]!;
  }
  if (!(sum > 0)) return best;
  let u = random() * sum;
  for (let i = 0; i < width; i++) {
    u -= p[i]!;
    if (u < 0) return i;
  }
  return best;
}
