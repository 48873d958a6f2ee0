/**
 * Missing cells. A feature column with missing cells anywhere in the file ends with a 'missing'
 * span (1 = missing) and a missing cell leaves its other spans at 0, so the loss can mask them.
 */
import type { Span, SpanPart } from './spans';
import type { DecodeOptions } from './span-decoding';

export const MISSING_PART: SpanPart = { kind: 'missing', width: 1 };

/** Where a column's missing flag is, or -1 when it has none (it is always the last span). */
export function missingFlagAt(missingFlag: boolean, spans: readonly Span[]): number {
  return missingFlag ? spans[spans.length - 1]!.start : -1;
}

/** Missing or not from a probability: a Bernoulli draw when sampling, else above the threshold (0.5 unless calibrated). */
export function drawMissing(p: number, options: DecodeOptions, random: () => number, threshold = 0.5): boolean {
  return options.sample ? random() < p : p > threshold;
}

/** Reads a decoded missing flag at position `at` of the row starting at `base` (a logit when options.logits). */
export function decodeMissingFlag(x: ArrayLike<number>, base: number, at: number, options: DecodeOptions, random: () => number): boolean {
  let p = x[base + at]!;
  if (options.logits) p = 1 / (1 + Math.exp(-p));
  return drawMissing(p, options, random, options.missingThresholds?.get(at));
}
