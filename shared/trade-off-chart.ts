import type { TradeOffPoint } from './trade-off';

/**
 * The trade-off chart's geometry, computed once and drawn twice: as React SVG in the Runs
 * compare (renderer/src/ui/project/trade-off-chart.tsx) and as an SVG file in the export's card
 * (tradeOffSvg below). Pure: numbers in, positions and words out.
 */
export type TradeOffX = 'mig' | 'activeFactors';
export type TradeOffY = 'fd' | 'recon';

export interface ChartTick {
  readonly at: number;
  readonly text: string;
}

export interface ChartMark {
  readonly id: string;
  readonly label: string;
  readonly primary: boolean;
  readonly cx: number;
  readonly cy: number;
  /** Labels right of the middle sit left of their mark, so none runs off the chart. */
  readonly labelX: number;
  readonly labelAnchor: 'start' | 'end';
}

export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  /** Every point in words, for screen readers and the card's text. */
  readonly desc: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly plot: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
  readonly xTicks: readonly ChartTick[];
  readonly yTicks: readonly ChartTick[];
  readonly marks: readonly ChartMark[];
}

const axisWords: Readonly<Record<TradeOffX | TradeOffY, string>> = {
  mig: 'MIG (higher: more disentangled)',
  activeFactors: 'KL-active factors',
  fd: 'Sample FD, local (lower: better)',
  recon: 'Recon BCE, nats (lower: better)',
};
const shortWords: Readonly<Record<TradeOffX | TradeOffY, string>> = { mig: 'MIG', activeFactors: 'active factors', fd: 'FD', recon: 'recon BCE' };

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Four evenly spaced ticks over [lo, hi], widened a little so no point sits on the frame. */
function span(values: readonly number[]): { lo: number; hi: number } {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.max(Math.abs(hi) * 0.1, 0.05);
  return { lo: lo - pad, hi: hi + pad };
}

export function tradeOffLayout(points: readonly TradeOffPoint[], x: TradeOffX, y: TradeOffY): ChartLayout {
  const width = 420;
  const height = 280;
  const plot = { left: 56, top: 16, right: width - 16, bottom: height - 44 };
  const shown = points.filter((p) => p[x] !== null && p[y] !== null);
  const xs = span(shown.map((p) => p[x] ?? 0).concat(shown.length ? [] : [0, 1]));
  const ys = span(shown.map((p) => p[y] ?? 0).concat(shown.length ? [] : [0, 1]));
  const px = (v: number) => plot.left + ((v - xs.lo) / (xs.hi - xs.lo)) * (plot.right - plot.left);
  const py = (v: number) => plot.bottom - ((v - ys.lo) / (ys.hi - ys.lo)) * (plot.bottom - plot.top);
  const ticks = (s: { lo: number; hi: number }, to: (v: number) => number) =>
    Array.from({ length: 4 }, (_, i) => s.lo + ((i + 0.5) * (s.hi - s.lo)) / 4).map((v) => ({ at: to(v), text: fmt(v) }));
  const words = points.map((p) =>
    p[x] !== null && p[y] !== null ? `${p.label}: ${shortWords[x]} ${fmt(p[x] ?? 0)}, ${shortWords[y]} ${fmt(p[y] ?? 0)}` : `${p.label}: not measured yet`,
  );
  return {
    width,
    height,
    title: `${y === 'fd' ? 'Sample FD' : 'Reconstruction'} against ${x === 'mig' ? 'MIG' : 'active factors'}`,
    desc: `One point per run. ${words.join('; ')}.`,
    xLabel: axisWords[x],
    yLabel: axisWords[y],
    plot,
    xTicks: ticks(xs, px),
    yTicks: ticks(ys, py),
    marks: shown.map((p) => {
      const cx = px(p[x] ?? 0);
      const right = cx > (plot.left + plot.right) / 2;
      return { id: p.id, label: p.label, primary: p.primary, cx, cy: py(p[y] ?? 0), labelX: right ? cx - 8 : cx + 8, labelAnchor: right ? 'end' : 'start' };
    }),
  };
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The chart as a standalone SVG document (the export's card): the same layout the app draws. */
export function tradeOffSvg(layout: ChartLayout, id = 'trade-off'): string {
  const { plot } = layout;
  const r = (v: number) => v.toFixed(1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" font-family="sans-serif" font-size="11">`,
    `<title id="${id}-title">${escapeXml(layout.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(layout.desc)}</desc>`,
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#888"/>`,
    ...layout.xTicks.map((t) => `<text x="${r(t.at)}" y="${plot.bottom + 14}" text-anchor="middle">${escapeXml(t.text)}</text>`),
    ...layout.yTicks.map((t) => `<text x="${plot.left - 6}" y="${r(t.at + 4)}" text-anchor="end">${escapeXml(t.text)}</text>`),
    `<text x="${(plot.left + plot.right) / 2}" y="${layout.height - 8}" text-anchor="middle">${escapeXml(layout.xLabel)}</text>`,
    `<text transform="translate(12 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(layout.yLabel)}</text>`,
    ...layout.marks.map((m) =>
      [
        m.primary
          ? `<rect x="${r(m.cx - 5)}" y="${r(m.cy - 5)}" width="10" height="10" fill="#c2410c"/>`
          : `<circle cx="${r(m.cx)}" cy="${r(m.cy)}" r="5" fill="#2563eb"/>`,
        `<text x="${r(m.labelX)}" y="${r(m.cy - 6)}" text-anchor="${m.labelAnchor}">${escapeXml(m.label)}</text>`,
      ].join(''),
    ),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}
