/**
 * One-hot columns. Categorical: one-hot over the seen categories (most frequent first); unknown
 * categories encode as all zeros and decoding returns only seen ones. Boolean: [true, false].
 */
import type { CellValue, ColumnSchema } from '../../../../shared/tabular-schema';
import { pick, type DecodeOptions } from './span-decoding';
import type { CellWriter, Span, SpanPart } from './spans';

export interface CategoricalCodec {
  readonly kind: 'categorical';
  readonly column: string;
  readonly categories: readonly string[];
  readonly missingFlag: boolean;
}

export interface BooleanCodec {
  readonly kind: 'boolean';
  readonly column: string;
  readonly missingFlag: boolean;
}

export function fitCategoricalCodec(col: ColumnSchema): CategoricalCodec {
  if (col.categories === undefined) throw new Error(`column '${col.name}' has no category list (too many distinct values); exclude it`);
  return { kind: 'categorical', column: col.name, categories: [...col.categories], missingFlag: col.missing > 0 };
}

export function fitBooleanCodec(col: ColumnSchema): BooleanCodec {
  return { kind: 'boolean', column: col.name, missingFlag: col.missing > 0 };
}

export const categoricalParts = (c: CategoricalCodec): SpanPart[] => [{ kind: 'categorical', width: c.categories.length }];
export const booleanParts = (): SpanPart[] => [{ kind: 'categorical', width: 2 }];

export function categoricalWriter(codec: CategoricalCodec, spans: readonly Span[]): CellWriter {
  const first = spans[0]!.start;
  const categoryIndex = new Map(codec.categories.map((v, i) => [v, i]));
  return (out, base, v) => {
    const k = categoryIndex.get(v as string);
    if (k !== undefined) out[base + first + k] = 1;
  };
}

export function booleanWriter(spans: readonly Span[]): CellWriter {
  const first = spans[0]!.start;
  return (out, base, v) => {
    out[base + first + (v === true ? 0 : 1)] = 1;
  };
}

export function decodeCategorical(
  codec: CategoricalCodec,
  spans: readonly Span[],
  x: ArrayLike<number>,
  base: number,
  options: DecodeOptions,
  random: () => number,
): CellValue {
  return codec.categories[pick(x, base + spans[0]!.start, codec.categories.length, options, random)] ?? null;
}

export function decodeBoolean(spans: readonly Span[], x: ArrayLike<number>, base: number, options: DecodeOptions, random: () => number): CellValue {
  return pick(x, base + spans[0]!.start, 2, options, random) === 0;
}
