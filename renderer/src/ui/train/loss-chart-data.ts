import type { SeriesData } from '../../stores/series-data';

/** Aligns terms reported at different steps onto one step axis (uPlot wants shared x values). */
export function alignSeries(series: Readonly<Record<string, SeriesData>>): { names: string[]; data: (number | null)[][] } {
  const names = Object.keys(series).sort();
  const steps = [...new Set(names.flatMap((n) => series[n]?.steps ?? []))].sort((a, b) => a - b);
  const index = new Map(steps.map((s, i) => [s, i]));
  const columns = names.map((n) => {
    const column: (number | null)[] = new Array<number | null>(steps.length).fill(null);
    const s = series[n];
    s?.steps.forEach((step, i) => (column[index.get(step) ?? 0] = s.values[i] ?? null));
    return column;
  });
  return { names, data: [steps, ...columns] };
}
