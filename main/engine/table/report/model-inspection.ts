import type { ColumnChart, ColumnEffect, DatetimeColumn, FactorEffects, TabularInspection } from '../../../../shared/models';
import type { ColumnSchema, Table } from '../../../../shared/tabular-schema';
import { eventYielder } from '../../core/job-context';
import { runYielding } from '../../core/steps';
import { synthesizeRows } from '../model/synthesize';
import type { TrainedTabularRun } from '../model/run-files';
import { categoryBars, numericHistogram } from './chart-data';
import { correlationMatrix } from './column-pairs';
import { factorTargetPrediction } from './factor-target';
import { featureTable, frequencies, isNumericType, mean, presentCategories, presentNumbers, type FeatureTable } from './common';

/** Categories shown per column in an effect (the most common in the synthetic rows). */
const topCategories = 5;
/** At most this many numeric columns in the correlation matrices. */
const maxCorrelationColumns = 12;

const round = (v: number | null, digits = 4): number | null => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));

function std(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

/** How one column moves across the tables drawn at each factor value. */
function columnEffect(real: FeatureTable, tables: readonly FeatureTable[], j: number): ColumnEffect {
  const column = real.columns[j]!;
  if (isNumericType(column.type)) {
    return { column: column.name, kind: 'numeric', means: tables.map((t) => round(mean(presentNumbers(t.rows, j)))), std: round(std(presentNumbers(real.rows, j))), ...datetimeOf(column) };
  }
  const shares = tables.map((t) => frequencies(presentCategories(t.rows, j)));
  const total = new Map<string, number>();
  for (const s of shares) for (const [label, share] of s) total.set(label, (total.get(label) ?? 0) + share);
  const labels = [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, topCategories).map(([label]) => label);
  return { column: column.name, kind: 'categorical', labels, shares: shares.map((s) => labels.map((l) => round(s.get(l) ?? 0) ?? 0)) };
}

/** A datetime column's format, so the inspector shows its epoch-ms numbers as dates (shared/models.ts DatetimeColumn). */
function datetimeOf(column: ColumnSchema): DatetimeColumn {
  return column.type === 'datetime' ? { datetimeFormat: column.datetimeFormat ?? 'YYYY-MM-DD' } : {};
}

function binLabel(lo: number, hi: number): string {
  const f = (v: number) => (Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(1) : Number(v.toPrecision(3)).toString());
  return `${f(lo)}–${f(hi)}`;
}

function columnChart(real: FeatureTable, synthetic: FeatureTable, j: number): ColumnChart {
  const column = real.columns[j]!;
  if (isNumericType(column.type)) {
    const h = numericHistogram(real, synthetic, j, 12);
    return { column: column.name, kind: 'numeric', labels: h.real.map((_, b) => binLabel(h.edges[b]!, h.edges[b + 1]!)), edges: h.edges, real: h.real, synthetic: h.synthetic, ...datetimeOf(column) };
  }
  const bars = categoryBars(real, synthetic, j, 12);
  return { column: column.name, kind: 'categorical', labels: bars.labels, real: bars.real, synthetic: bars.synthetic };
}

async function factorEffects(run: TrainedTabularRun, real: FeatureTable, values: readonly number[], samples: number, pause: () => Promise<void>): Promise<FactorEffects[]> {
  const schema = run.manifest.schema;
  const effects: FactorEffects[] = [];
  for (let k = 0; k < run.manifest.config.latents; k++) {
    const tables: FeatureTable[] = [];
    for (const v of values) {
      // The same seed at every value: only c_k differs between the tables.
      const rows: Table = await synthesizeRows(run, samples, 101 + k, { fix: { [k]: v }, pause });
      tables.push(featureTable(schema, rows, `factor c${k} = ${v}`));
    }
    effects.push({ factor: k, columns: real.columns.map((_, j) => columnEffect(real, tables, j)) });
  }
  return effects;
}

/**
 * The tabular inspector on a trained run: for each factor, the synthetic rows at c_k = -range,
 * 0, +range (the other factors drawn at random, the same draws each time) and how each column's
 * mean or category shares move; real vs synthetic charts per column; correlation matrices; and
 * how well C, Z and C+Z predict the target column on the hold-out rows (./factor-target.ts).
 */
export async function inspectTrainedTable(run: TrainedTabularRun, train: Table, range: number, samples: number, onHalf: (done: number) => void, holdout: Table = { columns: train.columns, rows: [] }): Promise<TabularInspection> {
  const schema = run.manifest.schema;
  const real = featureTable(schema, train, 'real');
  const values = [-range, 0, range];
  // Synthesis reads back in microtasks: pause between its chunks so the heartbeat runs (core/steps.ts).
  const pause = eventYielder();
  onHalf(0);
  const effects = await factorEffects(run, real, values, samples, pause);
  onHalf(1);
  const synthetic = featureTable(schema, await synthesizeRows(run, Math.max(samples, Math.min(2000, train.rows.length)), 12, { pause }), 'synthetic');
  const numeric = real.columns.map((c, j) => (isNumericType(c.type) ? j : -1)).filter((j) => j >= 0).slice(0, maxCorrelationColumns);
  const matrix = (t: FeatureTable) => correlationMatrix(t, numeric).map((row) => row.map((v) => round(v, 3)));
  const targetPrediction = await runYielding(factorTargetPrediction(run, holdout, train, run.manifest.config.target), pause);
  return {
    factors: run.manifest.config.latents,
    values,
    stage2Trained: run.hasStage2,
    effects,
    charts: real.columns.map((_, j) => columnChart(real, synthetic, j)),
    correlations: { columns: numeric.map((j) => real.columns[j]!.name), real: matrix(real), synthetic: matrix(synthetic) },
    rows: { real: real.rows.length, synthetic: synthetic.rows.length },
    targetPrediction,
  };
}
