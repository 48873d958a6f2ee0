/**
 * Excluded columns have no spans but still come back from decode, so exported rows have every
 * column: a constant column as its value (missing at its real rate when sampling), an integer
 * identifier as fresh ids min, min+1, ... (real ids are never copied), anything else (text ids,
 * high-cardinality, empty, user) as null.
 */
import type { CellValue, ColumnSchema, TableSchema } from '../../../../shared/tabular-schema';
import { drawMissing } from './missing';
import type { DecodeOptions } from './span-decoding';

export type ExcludedFill =
  | { readonly kind: 'constant'; readonly value: CellValue; readonly missingRate: number }
  | { readonly kind: 'sequence'; readonly start: number }
  | { readonly kind: 'null' };

export interface ExcludedCodec {
  readonly kind: 'excluded';
  readonly column: string;
  readonly fill: ExcludedFill;
}

export function fitExcludedCodec(col: ColumnSchema, schema: TableSchema): ExcludedCodec {
  return { kind: 'excluded', column: col.name, fill: excludedFill(col, schema) };
}

function excludedFill(col: ColumnSchema, schema: TableSchema): ExcludedFill {
  const missingRate = schema.rowCount > 0 ? col.missing / schema.rowCount : 0;
  if (col.excludedReason === 'constant') {
    let value: CellValue = null;
    if (col.type === 'categorical') value = col.categories?.[0] ?? null;
    else if (col.type === 'boolean') value = col.categories?.[0] === col.booleanLabels?.[0];
    else value = col.min ?? null;
    return { kind: 'constant', value, missingRate };
  }
  if (col.excludedReason === 'identifier' && col.type === 'integer' && col.min !== undefined) return { kind: 'sequence', start: col.min };
  return { kind: 'null' };
}

/** `row` counts across decode calls (options.rowOffset), so sequences stay unique in chunks. */
export function decodeExcluded(fill: ExcludedFill, row: number, options: DecodeOptions, random: () => number): CellValue {
  if (fill.kind === 'sequence') return fill.start + row;
  if (fill.kind === 'null') return null;
  // Drawn at the real rate whenever rows are synthesised, whether or not the model's own spans are sampled.
  return drawMissing(fill.missingRate, { ...options, sample: options.sample === true || options.synthetic === true }, random) ? null : fill.value;
}
