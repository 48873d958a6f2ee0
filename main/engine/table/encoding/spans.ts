/** The encoded row's layout: each column's parts, laid end to end in schema order. */
import type { CellValue } from '../../../../shared/tabular-schema';

export type SpanKind = 'numeric' | 'categorical' | 'missing';

export interface Span {
  readonly column: string;
  readonly kind: SpanKind;
  readonly start: number;
  readonly width: number;
}

/** A span before it has a position. */
export interface SpanPart {
  readonly kind: SpanKind;
  readonly width: number;
}

/** Writes one present cell into its row of the encoded array (`base` is the row's offset). */
export type CellWriter = (out: Float32Array, base: number, value: CellValue) => void;

export interface RowLayout {
  readonly spans: readonly Span[];
  /** Per column, the index of its first span. */
  readonly firstSpan: readonly number[];
  readonly width: number;
}

export function layoutSpans(columns: readonly { readonly column: string; readonly parts: readonly SpanPart[] }[]): RowLayout {
  const spans: Span[] = [];
  const firstSpan: number[] = [];
  let offset = 0;
  for (const { column, parts } of columns) {
    firstSpan.push(spans.length);
    for (const part of parts) {
      spans.push({ column, kind: part.kind, start: offset, width: part.width });
      offset += part.width;
    }
  }
  return { spans, firstSpan, width: offset };
}

/** The spans of one column (an excluded column has none). */
export function spansOf(layout: RowLayout, columnIndex: number): readonly Span[] {
  const first = layout.firstSpan[columnIndex]!;
  const end = layout.firstSpan[columnIndex + 1] ?? layout.spans.length;
  return layout.spans.slice(first, end);
}
