/**
 * One column's codec: fitted to the training table, JSON-safe (saved beside the model), and all
 * that encoding and decoding need. This file picks the column type's module for each step.
 */
import type { CellValue, ColumnSchema, Table, TableSchema } from '../../../../shared/tabular-schema';
import {
  booleanParts,
  booleanWriter,
  categoricalParts,
  categoricalWriter,
  decodeBoolean,
  decodeCategorical,
  fitBooleanCodec,
  fitCategoricalCodec,
  type BooleanCodec,
  type CategoricalCodec,
} from './categorical-column';
import { datetimeParts, datetimeWriter, decodeDatetime, fitDatetimeCodec, type DatetimeCodec } from './datetime-column';
import { decodeExcluded, fitExcludedCodec, type ExcludedCodec } from './excluded-column';
import { decodeMissingFlag, MISSING_PART } from './missing';
import { decodeNumber, fitNumberCodec, numberParts, numberWriter, type NumberCodec, type NumericChoice } from './numeric-column';
import type { MixtureOptions } from './numeric-transform';
import type { DecodeOptions } from './span-decoding';
import type { CellWriter, Span, SpanPart } from './spans';

export type ColumnCodec = NumberCodec | DatetimeCodec | CategoricalCodec | BooleanCodec | ExcludedCodec;
export type FeatureCodec = Exclude<ColumnCodec, ExcludedCodec>;

export interface TableEncoderOptions {
  /** Numeric (integer / float) transform: 'auto' uses mode-specific for clearly multimodal columns. Default 'standard'. */
  readonly numeric?: NumericChoice;
  /** Per column, overriding `numeric`. */
  readonly perColumn?: Readonly<Record<string, Exclude<NumericChoice, 'auto'>>>;
  readonly mixture?: MixtureOptions;
}

export function fitCodec(col: ColumnSchema, schema: TableSchema, table: Table, options: TableEncoderOptions): ColumnCodec {
  if (col.role === 'excluded') return fitExcludedCodec(col, schema);
  switch (col.type) {
    case 'integer':
    case 'float':
      return fitNumberCodec(col, table, options.perColumn?.[col.name] ?? options.numeric ?? 'standard', options.mixture);
    case 'datetime':
      return fitDatetimeCodec(col, table, (options.perColumn?.[col.name] ?? options.numeric) === 'quantile');
    case 'categorical':
      return fitCategoricalCodec(col, table);
    case 'boolean':
      return fitBooleanCodec(col, table);
  }
}

/** The column's spans in order: its value spans, then its missing flag if it has one. */
export function codecParts(c: ColumnCodec): SpanPart[] {
  if (c.kind === 'excluded') return [];
  const parts = valueParts(c);
  if (c.missingFlag) parts.push(MISSING_PART);
  return parts;
}

function valueParts(c: FeatureCodec): SpanPart[] {
  switch (c.kind) {
    case 'number':
      return numberParts(c);
    case 'datetime':
      return datetimeParts(c);
    case 'categorical':
      return categoricalParts(c);
    case 'boolean':
      return booleanParts();
  }
}

/** Writes a present (non-null) cell; missing cells are the missing flag's business. */
export function valueWriter(codec: FeatureCodec, spans: readonly Span[]): CellWriter {
  switch (codec.kind) {
    case 'number':
      return numberWriter(codec, spans);
    case 'datetime':
      return datetimeWriter(codec, spans);
    case 'categorical':
      return categoricalWriter(codec, spans);
    case 'boolean':
      return booleanWriter(spans);
  }
}

/** `row` is the row's index across decode calls (for identifier sequences). */
export function decodeCell(
  codec: ColumnCodec,
  spans: readonly Span[],
  x: ArrayLike<number>,
  base: number,
  row: number,
  options: DecodeOptions,
  random: () => number,
): CellValue {
  if (codec.kind === 'excluded') return decodeExcluded(codec.fill, row, options, random);
  if (codec.missingFlag && decodeMissingFlag(x, base, spans[spans.length - 1]!.start, options, random)) return null;
  switch (codec.kind) {
    case 'number':
      return decodeNumber(codec, spans, x, base, options, random);
    case 'datetime':
      return decodeDatetime(codec, spans, x, base, options);
    case 'categorical':
      return decodeCategorical(codec, spans, x, base, options, random);
    case 'boolean':
      return decodeBoolean(spans, x, base, options, random);
  }
}
