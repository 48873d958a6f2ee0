import type { ColumnChart as ColumnChartData } from '../../../../shared/models';
import { chartLabels } from './date-labels';

export interface ColumnChartProps {
  readonly chart: ColumnChartData;
}

const width = 320;
const height = 130;
const pad = { left: 4, right: 4, top: 6, bottom: 4 };

/** Real vs synthetic shares of one column as paired SVG bars (real dark, synthetic light), bins or categories left to right. */
export function ColumnChart({ chart }: ColumnChartProps) {
  const n = chart.labels.length;
  const max = Math.max(1e-9, ...chart.real, ...chart.synthetic);
  const slot = (width - pad.left - pad.right) / Math.max(1, n);
  const bar = Math.max(1, slot / 2 - 1);
  const y = (v: number) => pad.top + (height - pad.top - pad.bottom) * (1 - v / max);
  const labels = chartLabels(chart);
  const summary = labels.bins.map((l, i) => `${l}: real ${pct(chart.real[i])}, synthetic ${pct(chart.synthetic[i])}`).join('; ');
  return (
    <figure className="column-chart" data-testid="column-chart">
      <figcaption>
        <strong>{chart.column}</strong> <span className="muted small-text">({chart.kind === 'categorical' ? 'category shares' : chart.datetimeFormat ? 'histogram of dates' : 'histogram'})</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${chart.column}: real vs synthetic. ${summary}`}>
        {labels.bins.map((label, i) => {
          const x = pad.left + i * slot;
          const r = chart.real[i] ?? 0;
          const s = chart.synthetic[i] ?? 0;
          return (
            <g key={i}>
              <title>{`${label}: real ${pct(r)}, synthetic ${pct(s)}`}</title>
              <rect className="bar-real" x={x} y={y(r)} width={bar} height={height - pad.bottom - y(r)} />
              <rect className="bar-synthetic" x={x + bar + 1} y={y(s)} width={bar} height={height - pad.bottom - y(s)} />
            </g>
          );
        })}
        <line x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} className="axis" />
      </svg>
      <div className="chart-range small-text muted">
        <span>{labels.from}</span>
        <span>{labels.to}</span>
      </div>
    </figure>
  );
}

function pct(v: number | undefined): string {
  return `${((v ?? 0) * 100).toFixed(1)}%`;
}
