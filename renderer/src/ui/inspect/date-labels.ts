/**
 * Datetime columns in the table inspector: the engine keeps them as epoch ms (compared as
 * numbers, as SDMetrics does), which reads as 1.4e+12 unless shown as the dates they are.
 * Pure functions, unit-tested.
 */
import type { ColumnChart } from '../../../../shared/models';

const dayMs = 86_400_000;
const pad = (v: number, width = 2) => String(v).padStart(width, '0');

/**
 * An epoch-ms value as a date, in UTC (the engine reads a date without a zone as UTC and writes
 * it back so): 'YYYY-MM-DD', with ' HH:mm' when the column's format has a time of day and the
 * values shown span under `timeBelowMs` (across years the hours are noise).
 */
export function formatDateValue(ms: number, format: string, spanMs = 0, timeBelowMs = 3 * dayMs): string {
  if (!Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const withTime = /HH/.test(format) && spanMs < timeBelowMs;
  return withTime ? `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : date;
}

/** What a chart shows under its bars and at its two ends: the engine's labels, or dates for a datetime column. */
export function chartLabels(chart: ColumnChart): { readonly bins: readonly string[]; readonly from: string; readonly to: string } {
  const { edges, datetimeFormat } = chart;
  if (chart.kind !== 'numeric' || datetimeFormat === undefined || !edges || edges.length !== chart.labels.length + 1) {
    return { bins: chart.labels, from: chart.labels[0] ?? '', to: chart.labels.at(-1) ?? '' };
  }
  // One bin's width decides whether times of day are worth showing.
  const binWidth = (edges[1] ?? 0) - (edges[0] ?? 0);
  const show = (ms: number) => formatDateValue(ms, datetimeFormat, binWidth);
  return { bins: chart.labels.map((_, b) => `${show(edges[b]!)} – ${show(edges[b + 1]!)}`), from: show(edges[0]!), to: show(edges.at(-1)!) };
}
