import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesData } from '../../stores/series-data';
import { alignSeries } from './loss-chart-data';

export interface LossChartProps {
  /** Accessible name of the chart. */
  readonly title: string;
  /** Term name -> points; every term gets a line. */
  readonly series: Readonly<Record<string, SeriesData>>;
  readonly width?: number;
  readonly height?: number;
}

const colours = ['#2f6fde', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#0b7285'];

/** A live line chart of loss terms (uPlot), redrawn in place as points arrive. */
export function LossChart({ title, series, width = 520, height = 220 }: LossChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const names = Object.keys(series).sort().join('|');

  useEffect(() => {
    if (!host.current) return;
    const { names: terms, data } = alignSeries(series);
    const options: uPlot.Options = {
      width,
      height,
      scales: { x: { time: false } },
      axes: [{ label: 'step' }, { label: 'loss term' }],
      series: [{ label: 'step' }, ...terms.map((name, i) => ({ label: name, stroke: colours[i % colours.length], width: 1.5, spanGaps: true }))],
    };
    plot.current = new uPlot(options, data as uPlot.AlignedData, host.current);
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuild only when the set of terms changes; new points go through setData below.
  }, [names, width, height]);

  useEffect(() => {
    plot.current?.setData(alignSeries(series).data as uPlot.AlignedData);
  }, [series]);

  return <div ref={host} className="loss-chart" role="img" aria-label={title} />;
}
