/**
 * Rows <-> the model's encoded space (METHOD.md, Tabular data). Per feature column, in schema
 * order, its spans:
 * - integer / float: 'quantile' (the app's default) -> one numeric span, the value's normal score
 *   under the column's empirical CDF (quantile-transform.ts); 'standard' -> one numeric span
 *   ((x - mean) / std); 'mode-specific' -> a numeric span ((x - mu_k) / sigma_k) then a
 *   categorical span (one-hot mode k).
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
 *
 * Each column type has its own file (numeric-column.ts, datetime-column.ts, categorical-column.ts,
 * excluded-column.ts, missing.ts for the flag); column-codec.ts picks one per column, and this
 * class lays the columns' spans end to end (spans.ts).
 */
import type { CellValue, Table, TableSchema } from '../../../../shared/tabular-schema';
import { codecParts, decodeCell, fitCodec, valueWriter, type ColumnCodec, type TableEncoderOptions } from './column-codec';
import { missingFlagAt } from './missing';
import type { DecodeOptions } from './span-decoding';
import { layoutSpans, spansOf, type RowLayout, type Span } from './spans';

export type { TableEncoderOptions } from './column-codec';
export type { DecodeOptions } from './span-decoding';
export type { Span, SpanKind } from './spans';

export interface TableEncoderJSON {
  readonly version: 1;
  readonly codecs: readonly ColumnCodec[];
}

export class TableEncoder {
  readonly width: number;
  readonly spans: readonly Span[];
  /** Every schema column, in order (decode returns them all). */
  readonly columns: readonly string[];
  private readonly codecs: readonly ColumnCodec[];
  private readonly layout: RowLayout;

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
    this.layout = layoutSpans(this.codecs.map((codec) => ({ column: codec.column, parts: codecParts(codec) })));
    this.spans = this.layout.spans;
    this.width = this.layout.width;
    this.columns = this.codecs.map((c) => c.column);
  }

  static fromJSON(json: TableEncoderJSON): TableEncoder {
    return new TableEncoder(json);
  }

  /** Each schema column's codec with its spans, in order (the sampling calibration reads them). */
  columnSpans(): { readonly codec: ColumnCodec; readonly spans: readonly Span[] }[] {
    return this.codecs.map((codec, c) => ({ codec, spans: spansOf(this.layout, c) }));
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
      const spans = spansOf(this.layout, c);
      const flag = missingFlagAt(codec.missingFlag, spans);
      const write = valueWriter(codec, spans);
      for (let r = 0; r < n; r++) {
        const v = table.rows[r]![j] ?? null;
        const base = r * w;
        if (v === null) {
          if (flag >= 0) out[base + flag] = 1;
          continue;
        }
        write(out, base, v);
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
      const spans = spansOf(this.layout, c);
      const offset = options.rowOffset ?? 0;
      for (let r = 0; r < n; r++) rows[r]![c] = decodeCell(codec, spans, encoded, r * w, offset + r, options, random);
    });
    return { columns: this.columns, rows };
  }
}
