/**
 * Rows <-> the model's encoded space (METHOD.md, Tabular data). Per feature column, in schema
 * order, its spans:
 * - integer / float: 'standard' -> one numeric span ((x - mean) / std); 'mode-specific' -> a
 *   numeric span ((x - mu_k) / sigma_k) then a categorical span (one-hot mode k).
 * - datetime: numeric span(s) in days since 1970 (standardised), plus, when the format has a time,
 *   the time of day in seconds (standardised): one float32 scalar cannot hold both a decade and a
 *   second exactly.
 * - categorical: one-hot over the seen categories (most frequent first); boolean: [true, false].
 * - then, for a column with missing cells anywhere in the file, a 'missing' flag (1 = missing);
 *   a missing cell's other spans are all 0 (the loss may mask them with the flag).
 * Losses: Gaussian NLL on numeric spans, softmax cross-entropy on categorical, Bernoulli on missing.
 *
 * Decoding is exact for the training table (decode(encode(t)) == t with argmax decoding): integers
 * rounded, floats rounded to the column's decimals, numbers and datetimes clamped to the seen
 * [min, max], datetimes rounded to their format's resolution, categories restricted to the seen set.
 * (float32 limits the scalar to ~7 significant digits of the standardised value: exact while
 * std * 2^-22 is below half the last unit - integers up to std ~2 million, floats with 1-2
 * decimals up to std ~20,000; datetimes to the second, ms formats to a few ms. Mode-specific
 * normalisation scales by the smaller sigma_k and so holds more digits.)
 * Excluded columns come back too, so exported rows have every column: a constant column as its
 * value (missing at its real rate when sampling), an integer identifier as fresh ids min, min+1, ...
 * (real ids are never copied), anything else (text ids, high-cardinality, empty, user) as null.
 */
import type { CellValue, ColumnSchema, Table, TableSchema } from '../../../../shared/tabular-schema';
import { formatHasTime, formatResolutionMs } from '../schema/datetime';
import {
  fitGaussianMixture,
  fitStandard,
  isClearlyMultimodal,
  modeOf,
  type MixtureOptions,
  type NumericTransform,
  type StandardTransform,
} from './numeric-transform';
import { roundTo } from '../reading/type-cells';

export type SpanKind = 'numeric' | 'categorical' | 'missing';

export interface Span {
  readonly column: string;
  readonly kind: SpanKind;
  readonly start: number;
  readonly width: number;
}

export interface TableEncoderOptions {
  /** Numeric (integer / float) transform: 'auto' uses mode-specific for clearly multimodal columns. Default 'standard'. */
  readonly numeric?: 'standard' | 'mode-specific' | 'auto';
  /** Per column, overriding `numeric`. */
  readonly perColumn?: Readonly<Record<string, 'standard' | 'mode-specific'>>;
  readonly mixture?: MixtureOptions;
}

export interface DecodeOptions {
  /** Sample categories / modes from their probabilities and missing flags as Bernoulli, instead of argmax / > 0.5. */
  readonly sample?: boolean;
  /** Uniform [0, 1) source for sampling. Default Math.random. */
  readonly random?: () => number;
  /** The input holds logits (softmax / sigmoid applied here) instead of probabilities. Default false. */
  readonly logits?: boolean;
  /** Index of the first row across calls, so integer identifiers stay unique when decoding in chunks. Default 0. */
  readonly rowOffset?: number;
}

type ExcludedFill =
  | { readonly kind: 'constant'; readonly value: CellValue; readonly missingRate: number }
  | { readonly kind: 'sequence'; readonly start: number }
  | { readonly kind: 'null' };

/** One column's codec: everything decode needs, JSON-safe (saved beside the model). */
type ColumnCodec =
  | {
      readonly kind: 'number';
      readonly column: string;
      readonly integer: boolean;
      readonly transform: NumericTransform;
      readonly min: number;
      readonly max: number;
      readonly decimals: number;
      readonly missingFlag: boolean;
    }
  | {
      readonly kind: 'datetime';
      readonly column: string;
      readonly days: StandardTransform;
      readonly time: StandardTransform | null;
      readonly min: number;
      readonly max: number;
      readonly resolutionMs: number;
      readonly missingFlag: boolean;
    }
  | { readonly kind: 'categorical'; readonly column: string; readonly categories: readonly string[]; readonly missingFlag: boolean }
  | { readonly kind: 'boolean'; readonly column: string; readonly missingFlag: boolean }
  | { readonly kind: 'excluded'; readonly column: string; readonly fill: ExcludedFill };

export interface TableEncoderJSON {
  readonly version: 1;
  readonly codecs: readonly ColumnCodec[];
}

const DAY_MS = 86_400_000;

function valueWidth(c: ColumnCodec): { kind: SpanKind; width: number }[] {
  switch (c.kind) {
    case 'number':
      return c.transform.kind === 'standard'
        ? [{ kind: 'numeric', width: 1 }]
        : [
            { kind: 'numeric', width: 1 },
            { kind: 'categorical', width: c.transform.means.length },
          ];
    case 'datetime':
      return c.time === null ? [{ kind: 'numeric', width: 1 }] : [{ kind: 'numeric', width: 1 }, { kind: 'numeric', width: 1 }];
    case 'categorical':
      return [{ kind: 'categorical', width: c.categories.length }];
    case 'boolean':
      return [{ kind: 'categorical', width: 2 }];
    case 'excluded':
      return [];
  }
}

function columnValues(table: Table, name: string): CellValue[] {
  const j = table.columns.indexOf(name);
  if (j < 0) throw new Error(`the table has no column '${name}'`);
  return table.rows.map((row) => row[j] ?? null);
}

/** Min (sign -1) or max (sign 1) without spreading a long array into arguments; 0 when empty. */
function extreme(xs: readonly number[], sign: 1 | -1): number {
  let best = xs.length > 0 ? xs[0]! : 0;
  for (const x of xs) if (sign * x > sign * best) best = x;
  return best;
}

const numbersOf = (values: readonly CellValue[]): number[] => values.filter((v): v is number => typeof v === 'number');

function fitCodec(col: ColumnSchema, schema: TableSchema, table: Table, options: TableEncoderOptions): ColumnCodec {
  const name = col.name;
  if (col.role === 'excluded') return { kind: 'excluded', column: name, fill: excludedFill(col, schema) };
  const missingFlag = col.missing > 0;
  switch (col.type) {
    case 'integer':
    case 'float': {
      const xs = numbersOf(columnValues(table, name));
      const choice = options.perColumn?.[name] ?? options.numeric ?? 'standard';
      let transform: NumericTransform = fitStandard(xs, { mean: col.mean, std: col.std });
      if (choice !== 'standard' && xs.length > 1) {
        const mixture = fitGaussianMixture(xs, options.mixture);
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
        missingFlag,
      };
    }
    case 'datetime': {
      const ms = numbersOf(columnValues(table, name));
      const format = col.datetimeFormat ?? 'YYYY-MM-DDTHH:mm:ss.SSSZ';
      const withTime = formatHasTime(format);
      const days = ms.map((t) => (withTime ? Math.floor(t / DAY_MS) : t / DAY_MS));
      return {
        kind: 'datetime',
        column: name,
        days: fitStandard(days, { mean: (col.mean ?? 0) / DAY_MS, std: (col.std ?? DAY_MS) / DAY_MS }),
        time: withTime ? fitStandard(ms.map((t) => (t - Math.floor(t / DAY_MS) * DAY_MS) / 1000)) : null,
        min: col.min ?? extreme(ms, -1),
        max: col.max ?? extreme(ms, 1),
        resolutionMs: formatResolutionMs(format),
        missingFlag,
      };
    }
    case 'categorical':
      if (col.categories === undefined) throw new Error(`column '${name}' has no category list (too many distinct values); exclude it`);
      return { kind: 'categorical', column: name, categories: [...col.categories], missingFlag };
    case 'boolean':
      return { kind: 'boolean', column: name, missingFlag };
  }
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

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

export class TableEncoder {
  readonly width: number;
  readonly spans: readonly Span[];
  /** Every schema column, in order (decode returns them all). */
  readonly columns: readonly string[];
  private readonly codecs: readonly ColumnCodec[];
  /** Per codec, the index of its first span. */
  private readonly firstSpan: readonly number[];

  /** Fits the encoder to a training table (typed per `schema`); or rebuilds one from toJSON(). */
  constructor(schema: TableSchema, table: Table, options?: TableEncoderOptions);
  constructor(json: TableEncoderJSON);
  constructor(schemaOrJson: TableSchema | TableEncoderJSON, table?: Table, options: TableEncoderOptions = {}) {
    if ('version' in schemaOrJson) {
      if (schemaOrJson.version !== 1) throw new Error(`unsupported table encoder version ${String(schemaOrJson.version)}`);
      this.codecs = schemaOrJson.codecs;
    } else {
      if (table === undefined) throw new Error('TableEncoder needs the training table');
      this.codecs = schemaOrJson.columns.map((c) => fitCodec(c, schemaOrJson, table, options));
    }
    const spans: Span[] = [];
    const firstSpan: number[] = [];
    let offset = 0;
    for (const codec of this.codecs) {
      firstSpan.push(spans.length);
      const parts = valueWidth(codec);
      if (codec.kind !== 'excluded' && codec.missingFlag) parts.push({ kind: 'missing', width: 1 });
      for (const part of parts) {
        spans.push({ column: codec.column, kind: part.kind, start: offset, width: part.width });
        offset += part.width;
      }
    }
    this.spans = spans;
    this.firstSpan = firstSpan;
    this.width = offset;
    this.columns = this.codecs.map((c) => c.column);
  }

  static fromJSON(json: TableEncoderJSON): TableEncoder {
    return new TableEncoder(json);
  }

  toJSON(): TableEncoderJSON {
    return { version: 1, codecs: this.codecs };
  }

  /** [n, width], row-major. Columns are found by name; unknown categories encode as all zeros. */
  encode(table: Table): Float32Array {
    const n = table.rows.length;
    const w = this.width;
    const out = new Float32Array(n * w);
    this.codecs.forEach((codec, c) => {
      if (codec.kind === 'excluded') return;
      const j = table.columns.indexOf(codec.column);
      if (j < 0) throw new Error(`encode: the table has no column '${codec.column}'`);
      const spans = this.spansOf(c);
      const first = spans[0]!.start;
      const flag = codec.missingFlag ? spans[spans.length - 1]!.start : -1;
      const categoryIndex = codec.kind === 'categorical' ? new Map(codec.categories.map((v, i) => [v, i])) : null;
      for (let r = 0; r < n; r++) {
        const v = table.rows[r]![j] ?? null;
        const base = r * w;
        if (v === null) {
          if (flag >= 0) out[base + flag] = 1;
          continue;
        }
        switch (codec.kind) {
          case 'number': {
            const x = v as number;
            const t = codec.transform;
            if (t.kind === 'standard') out[base + first] = (x - t.mean) / t.std;
            else {
              const k = modeOf(t, x);
              out[base + first] = (x - t.means[k]!) / t.stds[k]!;
              out[base + spans[1]!.start + k] = 1;
            }
            break;
          }
          case 'datetime': {
            const ms = v as number;
            const day = codec.time === null ? ms / DAY_MS : Math.floor(ms / DAY_MS);
            out[base + first] = (day - codec.days.mean) / codec.days.std;
            if (codec.time !== null) out[base + first + 1] = ((ms - day * DAY_MS) / 1000 - codec.time.mean) / codec.time.std;
            break;
          }
          case 'categorical': {
            const k = categoryIndex!.get(v as string);
            if (k !== undefined) out[base + first + k] = 1;
            break;
          }
          case 'boolean':
            out[base + first + (v === true ? 0 : 1)] = 1;
            break;
        }
      }
    });
    return out;
  }

  /** Rows from encoded space ([n, width]); every schema column, typed exactly (see the file comment). */
  decode(encoded: Float32Array | ArrayLike<number>, n: number, options: DecodeOptions = {}): Table {
    const w = this.width;
    if (encoded.length < n * w) throw new Error(`decode: expected ${n} x ${w} values, got ${encoded.length}`);
    const random = options.random ?? Math.random;
    const rows: CellValue[][] = Array.from({ length: n }, () => new Array<CellValue>(this.codecs.length).fill(null));
    this.codecs.forEach((codec, c) => {
      const spans = this.spansOf(c);
      const offset = options.rowOffset ?? 0;
      for (let r = 0; r < n; r++) rows[r]![c] = this.decodeCell(codec, spans, encoded, r * w, offset + r, options, random);
    });
    return { columns: this.columns, rows };
  }

  private spansOf(codecIndex: number): readonly Span[] {
    const first = this.firstSpan[codecIndex]!;
    const end = this.firstSpan[codecIndex + 1] ?? this.spans.length;
    return this.spans.slice(first, end);
  }

  private decodeCell(
    codec: ColumnCodec,
    spans: readonly Span[],
    x: ArrayLike<number>,
    base: number,
    row: number,
    options: DecodeOptions,
    random: () => number,
  ): CellValue {
    if (codec.kind === 'excluded') {
      const fill = codec.fill;
      if (fill.kind === 'sequence') return fill.start + row;
      if (fill.kind === 'null') return null;
      const missing = options.sample ? random() < fill.missingRate : fill.missingRate > 0.5;
      return missing ? null : fill.value;
    }
    if (codec.missingFlag) {
      let p = x[base + spans[spans.length - 1]!.start]!;
      if (options.logits) p = 1 / (1 + Math.exp(-p));
      if (options.sample ? random() < p : p > 0.5) return null;
    }
    const first = spans[0]!.start;
    switch (codec.kind) {
      case 'number': {
        const t = codec.transform;
        let value: number;
        if (t.kind === 'standard') value = x[base + first]! * t.std + t.mean;
        else {
          const k = pick(x, base + spans[1]!.start, spans[1]!.width, options, random);
          value = x[base + first]! * t.stds[k]! + t.means[k]!;
        }
        if (!Number.isFinite(value)) value = t.kind === 'standard' ? t.mean : codec.min;
        if (codec.integer) return clamp(Math.round(value), Math.ceil(codec.min), Math.floor(codec.max));
        return clamp(roundTo(clamp(value, codec.min, codec.max), codec.decimals), codec.min, codec.max);
      }
      case 'datetime': {
        let day = x[base + first]! * codec.days.std + codec.days.mean;
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
      case 'categorical':
        return codec.categories[pick(x, base + first, codec.categories.length, options, random)] ?? null;
      case 'boolean':
        return pick(x, base + first, 2, options, random) === 0;
    }
  }
}

/** Argmax of a span (first on ties: the most frequent category), or a draw from its probabilities. */
function pick(x: ArrayLike<number>, start: number, width: number, options: DecodeOptions, random: () => number): number {
  let best = 0;
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
