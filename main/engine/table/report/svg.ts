/**
 * Small inline-SVG chart helpers for the HTML report: grouped bars (real vs synthetic) and a
 * correlation heatmap. Output is plain markup meant to sit inside an HTML5 document, so no
 * xmlns attribute (and no URL) is needed. Every text passed in is escaped here.
 */

export const REAL_COLOUR = '#4c78a8';
export const SYNTHETIC_COLOUR = '#f58518';

/** Escapes text for HTML element content and attribute values (quotes included). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Shortens a label to `max` characters with an ellipsis (escape afterwards). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}\u2026`;
}

const num = (v: number): string => (Math.round(v * 100) / 100).toString();

export interface GroupedBarsInput {
  /** One group per category or bin. */
  readonly labels: readonly string[];
  /** Heights (shares in [0, 1]) per group for the real and the synthetic series. */
  readonly real: readonly number[];
  readonly synthetic: readonly number[];
  /** 'all': a rotated label under every group (categories); otherwise the given axis ticks. */
  readonly xAxis: 'all' | { readonly left: string; readonly middle: string; readonly right: string };
  readonly ariaLabel: string;
  readonly width?: number;
  readonly height?: number;
}

/** Side-by-side bars of two distributions over the same groups, with a y axis in percent. */
export function groupedBars(input: GroupedBarsInput): string {
  const width = input.width ?? 460;
  const rotated = input.xAxis === 'all';
  // Room under the axis for the rotated labels (sin 40 deg ~ 0.64, ~6 px per character).
  const longest = Math.min(16, Math.max(1, ...input.labels.map((l) => l.length)));
  const bottom = rotated ? Math.round(18 + longest * 4) : 28;
  const height = input.height ?? 172 + bottom;
  const left = 40;
  const right = 8;
  const top = 10;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const groups = Math.max(1, input.labels.length);
  const maxV = Math.max(1e-9, ...input.real, ...input.synthetic);
  const niceMax = Math.min(1, Math.ceil((maxV * 100) / 5) * 5 / 100) || maxV;
  const groupW = plotW / groups;
  const barW = Math.max(1, (groupW * 0.8) / 2);
  const y = (v: number): number => top + plotH - (Math.min(v, niceMax) / niceMax) * plotH;
  const parts: string[] = [];
  parts.push(`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(input.ariaLabel)}">`);
  // Grid and y axis: 0, half, max.
  for (const f of [0, 0.5, 1]) {
    const gy = y(niceMax * f);
    parts.push(`<line x1="${left}" y1="${num(gy)}" x2="${width - right}" y2="${num(gy)}" stroke="#ddd" stroke-width="1"/>`);
    parts.push(`<text x="${left - 4}" y="${num(gy + 3)}" font-size="10" text-anchor="end" fill="#555">${escapeHtml(`${num(niceMax * f * 100)}%`)}</text>`);
  }
  input.labels.forEach((label, g) => {
    const x0 = left + g * groupW + groupW * 0.1;
    const r = input.real[g] ?? 0;
    const s = input.synthetic[g] ?? 0;
    const tip = `${label}: real ${num(r * 100)}%, synthetic ${num(s * 100)}%`;
    parts.push(`<g><title>${escapeHtml(tip)}</title>`);
    parts.push(`<rect x="${num(x0)}" y="${num(y(r))}" width="${num(barW)}" height="${num(top + plotH - y(r))}" fill="${REAL_COLOUR}"/>`);
    parts.push(`<rect x="${num(x0 + barW)}" y="${num(y(s))}" width="${num(barW)}" height="${num(top + plotH - y(s))}" fill="${SYNTHETIC_COLOUR}"/>`);
    parts.push('</g>');
    if (rotated) {
      const lx = x0 + barW;
      const ly = top + plotH + 10;
      parts.push(`<text x="${num(lx)}" y="${num(ly)}" font-size="10" text-anchor="end" fill="#333" transform="rotate(-40 ${num(lx)} ${num(ly)})">${escapeHtml(truncate(label, 16))}</text>`);
    }
  });
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}" stroke="#888" stroke-width="1"/>`);
  if (input.xAxis !== 'all') {
    const ty = top + plotH + 16;
    parts.push(`<text x="${left}" y="${ty}" font-size="10" text-anchor="start" fill="#333">${escapeHtml(input.xAxis.left)}</text>`);
    parts.push(`<text x="${num(left + plotW / 2)}" y="${ty}" font-size="10" text-anchor="middle" fill="#333">${escapeHtml(input.xAxis.middle)}</text>`);
    parts.push(`<text x="${width - right}" y="${ty}" font-size="10" text-anchor="end" fill="#333">${escapeHtml(input.xAxis.right)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Diverging colour for a correlation in [-1, 1]: blue (-1), white (0), red (+1); grey for null. */
export function correlationColour(r: number | null): string {
  if (r === null || Number.isNaN(r)) return '#bbbbbb';
  const t = Math.max(-1, Math.min(1, r));
  const to = t < 0 ? [59, 111, 182] : [192, 57, 43];
  const a = Math.abs(t);
  const mix = (c: number): number => Math.round(255 + (c - 255) * a);
  return `rgb(${mix(to[0]!)},${mix(to[1]!)},${mix(to[2]!)})`;
}

export interface HeatmapInput {
  readonly labels: readonly string[];
  readonly matrix: readonly (readonly (number | null)[])[];
  readonly ariaLabel: string;
  readonly width?: number;
}

/** A square correlation heatmap with row labels on the left and rotated column labels on top. */
export function heatmap(input: HeatmapInput): string {
  const maxWidth = input.width ?? 460;
  const n = Math.max(1, input.labels.length);
  const longest = Math.min(14, Math.max(1, ...input.labels.map((l) => l.length)));
  const labelSpace = 12 + longest * 6;
  const cell = Math.max(6, Math.min(40, (maxWidth - labelSpace - 8) / n));
  const width = labelSpace + cell * n + 8;
  const height = labelSpace + cell * n + 8;
  const parts: string[] = [];
  parts.push(`<svg class="heat" viewBox="0 0 ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="img" aria-label="${escapeHtml(input.ariaLabel)}">`);
  input.labels.forEach((label, i) => {
    const cy = labelSpace + i * cell + cell / 2 + 3;
    parts.push(`<text x="${labelSpace - 4}" y="${num(cy)}" font-size="10" text-anchor="end" fill="#333">${escapeHtml(truncate(label, 14))}</text>`);
    const cx = labelSpace + i * cell + cell / 2 + 3;
    const ly = labelSpace - 4;
    parts.push(`<text x="${num(cx)}" y="${ly}" font-size="10" text-anchor="start" fill="#333" transform="rotate(-60 ${num(cx)} ${ly})">${escapeHtml(truncate(label, 14))}</text>`);
  });
  input.matrix.forEach((row, i) => {
    row.forEach((r, j) => {
      const tip = `${input.labels[i] ?? ''} / ${input.labels[j] ?? ''}: ${r === null ? 'undefined' : r.toFixed(3)}`;
      parts.push(
        `<rect x="${num(labelSpace + j * cell)}" y="${num(labelSpace + i * cell)}" width="${num(cell)}" height="${num(cell)}" fill="${correlationColour(r)}" stroke="#fff" stroke-width="0.5"><title>${escapeHtml(tip)}</title></rect>`,
      );
      if (cell >= 24 && r !== null) {
        parts.push(
          `<text x="${num(labelSpace + j * cell + cell / 2)}" y="${num(labelSpace + i * cell + cell / 2 + 3)}" font-size="8" text-anchor="middle" fill="${Math.abs(r) > 0.6 ? '#fff' : '#222'}">${r.toFixed(2)}</text>`,
        );
      }
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

/** A horizontal bar for a score in [0, 1] (used in the tables). */
export function scoreBar(score: number | null, width = 80): string {
  const w = score === null ? 0 : Math.max(0, Math.min(1, score)) * width;
  const colour = score === null ? '#bbb' : score >= 0.8 ? '#3a9d5d' : score >= 0.6 ? '#e0a030' : '#c0392b';
  return `<svg class="bar" viewBox="0 0 ${width} 10" width="${width}" height="10" aria-hidden="true"><rect x="0" y="0" width="${width}" height="10" fill="#eee"/><rect x="0" y="0" width="${num(w)}" height="10" fill="${colour}"/></svg>`;
}
