/**
 * Integer and float columns: 'standard' is one numeric span ((x - mean) / std); 'mode-specific'
 * a numeric span ((x - mu_k) / sigma_k) then a categorical span (one-hot mode k); 'quantile' one
 * numeric span, the value's normal score under the column's empirical CDF (quantile-transform.ts).
 * Decoding rounds integers, rounds floats to the column's decimals and clamps to the seen [min, max].
 */
import type { CellValue, ColumnSchema, Table } from '../../../../shared/tabular-schema';
import { roundTo } from '../reading/type-cells';
import { columnValues, extreme, numbersOf } from './column-values';
import {
  fitGaussianMixture,
  fitStandard,
  isClearlyMultimodal,
  modeOf,
  type MixtureOptions,
  type NumericTransform,
} from './numeric-transform';
import { fitQuantile, quantileDecode, quantileEncode, quantileValueAt, rankAmong } from './quantile-transform';
import { clamp, pick, type DecodeOptions } from './span-decoding';
import type { CellWriter, Span, SpanPart } from './spans';

/** 'auto' uses mode-specific for clearly multimodal columns, standard for the rest. */
export type NumericChoice = 'standard' | 'mode-specific' | 'quantile' | 'auto';

export interface NumberCodec {
  readonly kind: 'number';
  readonly column: string;
  readonly integer: boolean;
  readonly transform: NumericTransform;
  readonly min: number;
  readonly max: number;
  readonly decimals: number;
  readonly missingFlag: boolean;
}

export function fitNumberCodec(col: ColumnSchema, table: Table, choice: NumericChoice, mixtureOptions?: MixtureOptions): NumberCodec {
  const name = col.name;
  const xs = numbersOf(columnValues(table, name));
  let transform: NumericTransform = fitStandard(xs, { mean: col.mean, std: col.std });
  if (choice === 'quantile' && xs.length > 0) transform = fitQuantile(xs);
  else if (choice !== 'standard' && xs.length > 1) {
    const mixture = fitGaussianMixture(xs, mixtureOptions);
    if (choice === 'mode-specific' || isClearlyMultimodal(mixture)) transform = mixture;
  }
  return {
    kind: 'number',
    column: name,
    integer: col.type === 'integer',
    transform,
    min: col.min ?? extreme(xs, -1),
    max: col.max ?? extreme(xs, 1),
    decimals: col.type === 'integer' ? 0 : (col.decimals ?? 6),
    missingFlag: col.missing > 0,
  };
}

export function numberParts(c: NumberCodec): SpanPart[] {
  return c.transform.kind !== 'mode-specific'
    ? [{ kind: 'numeric', width: 1 }]
    : [
        { kind: 'numeric', width: 1 },
        { kind: 'categorical', width: c.transform.means.length },
      ];
}

export function numberWriter(codec: NumberCodec, spans: readonly Span[]): CellWriter {
  const first = spans[0]!.start;
  const t = codec.transform;
  if (t.kind === 'standard') {
    return (out, base, v) => {
      out[base + first] = ((v as number) - t.mean) / t.std;
    };
  }
  if (t.kind === 'quantile') {
    return (out, base, v) => {
      out[base + first] = quantileEncode(t, v as number);
    };
  }
  const modes = spans[1]!.start;
  return (out, base, v) => {
    const x = v as number;
    const k = modeOf(t, x);
    out[base + first] = (x - t.means[k]!) / t.stds[k]!;
    out[base + modes + k] = 1;
  };
}

export function decodeNumber(
  codec: NumberCodec,
  spans: readonly Span[],
  x: ArrayLike<number>,
  base: number,
  options: DecodeOptions,
  random: () => number,
): CellValue {
  const first = spans[0]!.start;
  const t = codec.transform;
  let value: number;
  if (t.kind === 'standard') value = x[base + first]! * t.std + t.mean;
  else if (t.kind === 'quantile') {
    const ranks = options.numericRanks?.get(first);
    value = ranks ? quantileValueAt(t, rankAmong(ranks, x[base + first]!)) : quantileDecode(t, x[base + first]!);
  }
  else {
    const k = pick(x, base + spans[1]!.start, spans[1]!.width, options, random);
    value = x[base + first]! * t.stds[k]! + t.means[k]!;
  }
  if (!Number.isFinite(value)) value = t.kind === 'standard' ? t.mean : codec.min;
  if (codec.integer) return clamp(Math.round(value), Math.ceil(codec.min), Math.floor(codec.max));
  return clamp(roundTo(clamp(value, codec.min, codec.max), codec.decimals), codec.min, codec.max);
}
