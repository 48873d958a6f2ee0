import type { ChartLayout } from '../../../../shared/trade-off-chart';

export interface TradeOffChartProps {
  /** The geometry from shared/trade-off-chart.ts (the export's card draws the same). */
  readonly layout: ChartLayout;
  /** Unique on the page: ties the title and description to the chart. */
  readonly id: string;
}

/** One trade-off scatter as hand-written SVG: a square for the MS-VAE run, a circle per other run, each labelled. */
export function TradeOffChart({ layout, id }: TradeOffChartProps) {
  const { plot } = layout;
  return (
    <svg
      className="trade-off-chart"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      data-testid="trade-off-chart"
    >
      <title id={`${id}-title`}>{layout.title}</title>
      <desc id={`${id}-desc`}>{layout.desc}</desc>
      <rect x={plot.left} y={plot.top} width={plot.right - plot.left} height={plot.bottom - plot.top} fill="none" stroke="currentColor" opacity={0.4} />
      {layout.xTicks.map((t) => (
        <text key={`x${t.at}`} x={t.at} y={plot.bottom + 14} textAnchor="middle" fontSize={11} fill="currentColor">
          {t.text}
        </text>
      ))}
      {layout.yTicks.map((t) => (
        <text key={`y${t.at}`} x={plot.left - 6} y={t.at + 4} textAnchor="end" fontSize={11} fill="currentColor">
          {t.text}
        </text>
      ))}
      <text x={(plot.left + plot.right) / 2} y={layout.height - 8} textAnchor="middle" fontSize={11} fill="currentColor">
        {layout.xLabel}
      </text>
      <text transform={`translate(12 ${(plot.top + plot.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={11} fill="currentColor">
        {layout.yLabel}
      </text>
      {layout.marks.map((m) => (
        <g key={m.id} data-testid="trade-off-point" data-label={m.label}>
          {m.primary ? <rect x={m.cx - 5} y={m.cy - 5} width={10} height={10} fill="#c2410c" /> : <circle cx={m.cx} cy={m.cy} r={5} fill="#2563eb" />}
          <text x={m.labelX} y={m.cy - 6} textAnchor={m.labelAnchor} fontSize={11} fill="currentColor">
            {m.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
