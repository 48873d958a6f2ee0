/**
 * Datetime columns (ms since 1970): a numeric span of days since 1970 (standardised, or with
 * the 'quantile' numeric encoding the normal score of the day under the column's empirical CDF,
 * as numbers get: quantile-transform.ts), plus, when the format has a time, the time of day in
 * seconds (standardised): one float32 scalar cannot hold both a decade and a second exactly.
 * Decoding clamps to the seen [min, max] and rounds to the format's resolution.
 */
import type { CellValue, ColumnSchema, Table } from '../../../../shared/tabular-schema';
import { formatHasTime, formatResolutionMs } from '../schema/datetime';
import { columnValues, extreme, numbersOf } from './column-values';
import { fitStandard, type StandardTransform } from './numeric-transform';
import { fitQuantile, quantileDecode, quantileEncode, quantileValueAt, rankAmong, type QuantileTransform } from './quantile-transform';
import type { DecodeOptions } from './span-decoding';
import { clamp } from './span-decoding';
import type { CellWriter, Span, SpanPart } from './spans';

const DAY_MS = 86_400_000;

export interface DatetimeCodec {
  readonly kind: 'datetime';
  readonly column: string;
  readonly days: StandardTransform;
  /** The days' quantile encoding, used instead of `days` when present (encoders fitted with numeric 'quantile'). */
  readonly daysQuantile?: QuantileTransform;
  readonly time: StandardTransform | null;
  readonly min: number;
  readonly max: number;
  readonly resolutionMs: number;
  readonly missingFlag: boolean;
}

export function fitDatetimeCodec(col: ColumnSchema, table: Table, quantile = false): DatetimeCodec {
  const name = col.name;
  const ms = numbersOf(columnValues(table, name));
  const format = col.datetimeFormat ?? 'YYYY-MM-DDTHH:mm:ss.SSSZ';
  const withTime = formatHasTime(format);
  const days = ms.map((t) => (withTime ? Math.floor(t / DAY_MS) : t / DAY_MS));
  return {
    kind: 'datetime',
    column: name,
    days: fitStandard(days, { mean: (col.mean ?? 0) / DAY_MS, std: (col.std ?? DAY_MS) / DAY_MS }),
    ...(quantile && days.length > 0 ? { daysQuantile: fitQuantile(days) } : {}),
    time: withTime ? fitStandard(ms.map((t) => (t - Math.floor(t / DAY_MS) * DAY_MS) / 1000)) : null,
    min: col.min ?? extreme(ms, -1),
    max: col.max ?? extreme(ms, 1),
    resolutionMs: formatResolutionMs(format),
    missingFlag: col.missing > 0,
  };
}

export function datetimeParts(c: DatetimeCodec): SpanPart[] {
  return c.time === null ? [{ kind: 'numeric', width: 1 }] : [{ kind: 'numeric', width: 1 }, { kind: 'numeric', width: 1 }];
}

export function datetimeWriter(codec: DatetimeCodec, spans: readonly Span[]): CellWriter {
  const first = spans[0]!.start;
  return (out, base, v) => {
    const ms = v as number;
    const day = codec.time === null ? ms / DAY_MS : Math.floor(ms / DAY_MS);
    out[base + first] = codec.daysQuantile ? quantileEncode(codec.daysQuantile, day) : (day - codec.days.mean) / codec.days.std;
    if (codec.time !== null) out[base + first + 1] = ((ms - day * DAY_MS) / 1000 - codec.time.mean) / codec.time.std;
  };
}

/** The day a days span holds: through the quantiles (read by rank in a calibration draw when given), or the standardisation. */
function dayOf(codec: DatetimeCodec, first: number, score: number, options: DecodeOptions): number {
  const q = codec.daysQuantile;
  if (!q) return score * codec.days.std + codec.days.mean;
  const ranks = options.numericRanks?.get(first);
  return ranks ? quantileValueAt(q, rankAmong(ranks, score)) : quantileDecode(q, score);
}

export function decodeDatetime(codec: DatetimeCodec, spans: readonly Span[], x: ArrayLike<number>, base: number, options: DecodeOptions = {}): CellValue {
  const first = spans[0]!.start;
  let day = dayOf(codec, first, x[base + first]!, options);
  let ms: number;
  if (codec.time === null) ms = day * DAY_MS;
  else {
    day = Math.round(day);
    ms = day * DAY_MS + (x[base + first + 1]! * codec.time.std + codec.time.mean) * 1000;
  }
  if (!Number.isFinite(ms)) ms = codec.min;
  const res = codec.resolutionMs;
  const rounded = Math.round(clamp(ms, codec.min, codec.max) / res) * res;
  // Rounding may step past a bound that is not on the grid; the bound itself was seen.
  return clamp(rounded, codec.min, codec.max);
}
