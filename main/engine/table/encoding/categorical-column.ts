/**
 * One-hot columns. Categorical: one-hot over the seen categories (most frequent first); unknown
 * categories encode as all zeros and decoding returns only seen ones. Boolean: [true, false].
 */
import type { CellValue, ColumnSchema, Table } from '../../../../shared/tabular-schema';
import { columnValues } from './column-values';
import { pick, type DecodeOptions } from './span-decoding';
import type { CellWriter, Span, SpanPart } from './spans';

export interface CategoricalCodec {
  readonly kind: 'categorical';
  readonly column: string;
  readonly categories: readonly string[];
  /** Each category's share of the training rows' present cells (absent in encoders saved before it): what sampling is calibrated to. */
  readonly frequencies?: readonly number[];
  readonly missingFlag: boolean;
}

export interface BooleanCodec {
  readonly kind: 'boolean';
  readonly column: string;
  /** Shares of [true, false] among the training rows' present cells (absent in older encoders). */
  readonly frequencies?: readonly number[];
  readonly missingFlag: boolean;
}

/** Shares of `values` among a column's present cells, in the order given (all 0 with no present cell). */
function sharesOf(table: Table, column: string, values: readonly CellValue[]): number[] {
  const index = new Map(values.map((v, i) => [v, i]));
  const counts = new Array<number>(values.length).fill(0);
  let total = 0;
  for (const v of columnValues(table, column)) {
    const k = v === null ? undefined : index.get(v);
    if (k === undefined) continue;
    counts[k]!++;
    total++;
  }
  return counts.map((c) => (total > 0 ? c / total : 0));
}

export function fitCategoricalCodec(col: ColumnSchema, table: Table): CategoricalCodec {
  if (col.categories === undefined) throw new Error(`column '${col.name}' has no category list (too many distinct values); exclude it`);
  return { kind: 'categorical', column: col.name, categories: [...col.categories], frequencies: sharesOf(table, col.name, col.categories), missingFlag: col.missing > 0 };
}

export function fitBooleanCodec(col: ColumnSchema, table: Table): BooleanCodec {
  return { kind: 'boolean', column: col.name, frequencies: sharesOf(table, col.name, [true, false]), missingFlag: col.missing > 0 };
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
  const start = spans[0]!.start;
  return codec.categories[pick(x, base + start, codec.categories.length, options, random, options.categoryOffsets?.get(start))] ?? null;
}

export function decodeBoolean(spans: readonly Span[], x: ArrayLike<number>, base: number, options: DecodeOptions, random: () => number): CellValue {
  const start = spans[0]!.start;
  return pick(x, base + start, 2, options, random, options.categoryOffsets?.get(start)) === 0;
}
