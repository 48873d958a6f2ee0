import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { presetConfig, type PresetName } from '../shared/presets';
import { tabularModelConfigSchema } from '../shared/tabular-config';
import { selectBackend } from '../main/engine/core/backend';
import { readSavedCopula } from '../main/engine/table/baseline/copula-file';
import { readTabularManifest, reloadRunData } from '../main/engine/table/model/run-files';
import { capRows, featureTable } from '../main/engine/table/report/common';
import { qualityScore } from '../main/engine/table/report/quality-score';
import { runTabularReport } from '../main/engine/tasks/report-table';
import { runTabularTrain } from '../main/engine/tasks/train-table';
import { spread } from './stats';
import { TABLE_REPORT_SAMPLES, type TabularReport } from '../shared/table-report';

/**
 * The real mixed-type tables vega-datasets ships (node_modules/vega-datasets/data), each with
 * numeric and categorical columns and most with dates or missing values:
 * - penguins (344 rows): species/island/sex categories, four measurements, missing cells;
 * - cars (406): cylinders and origin (categories), the year (date), five numbers with missing cells (the name is excluded);
 * - movies (3,201): grosses, budget, running time, ratings (numbers) and MPAA rating, source, genre, creative type (categories), many missing cells;
 * - seattle-weather.csv (1,461): a date, four floats, the weather category (the weather table);
 * - gapminder (682): year, cluster (category), population, life expectancy, fertility (country is excluded as an identifier);
 * - football (6,508): a date, division and both teams (categories), the scores (integer / category);
 * - airports.csv (3,376): state and country (categories), latitude and longitude (iata, name and city are excluded as identifiers);
 * - birdstrikes.csv (10,000 x 14): airport, aircraft, damage, date, operator, state, phase, size,
 *   species, time of day, three costs and the speed, with missing cells (the closest to the
 *   issue's 10,000 x 15 census table; the slowest here).
 * Left out: barley (120 rows: its scores swing with the split), flights-2k (its airports are
 * excluded as high-cardinality, leaving a date and two numbers), github (two columns).
 */
export const benchTables = ['penguins.json', 'cars.json', 'movies.json', 'seattle-weather.csv', 'gapminder.json', 'football.json', 'airports.csv', 'birdstrikes.csv'];

const quiet = { onBackend: () => {}, onProgress: () => {}, isCancelled: () => false };

export interface TabularBenchOptions {
  stage1Steps: number;
  stage2Steps: number;
  stage2: 'vae' | 'gmm' | 'flow';
  dataDir: string;
  /** File names under dataDir; a name without an extension is taken as .json (penguins -> penguins.json). */
  datasets?: string[];
  /** One training run (and report) per seed; the targets are judged on the mean over seeds. */
  seeds?: number[];
  overrides?: Record<string, number | string>;
  /** The config a click on this preset sends (presetConfig), instead of the steps above; overrides and the seed still apply. */
  preset?: PresetName;
}

async function reportOf(runDir: string): Promise<TabularReport> {
  return (await runTabularReport({ kind: 'tabular-report', runDir, samples: TABLE_REPORT_SAMPLES }, quiet)).result.output;
}

/** Scores trained run folders again (after a change to the report's metrics), without training. */
export async function tabularRescore(runDirs: string[]): Promise<object> {
  await selectBackend();
  const results = [];
  for (const runDir of runDirs) {
    const report = await reportOf(runDir);
    results.push({ run_dir: runDir, headline: report.headline, stage1_overall: report.stage1.headline.overall, copula: report.baseline.status === 'ok' ? report.baseline.report.headline : null });
    process.stderr.write(`${runDir}: ${JSON.stringify(report.headline)}\n`);
  }
  return { bench: 'tabular-rescore', results };
}

/**
 * The training rows themselves scored against the hold-out as if they were a synthetic sample of
 * the report's size (a seeded subsample when there are more): what a model that drew new rows from
 * the real distribution would score, up to noise. It says how much room a table leaves above the
 * copula (on a small hold-out the ceiling itself is low: its own sampling noise).
 */
async function realRowsScore(runDir: string): Promise<{ overall: number | null; column_shapes: number | null; column_pair_trends: number | null }> {
  const manifest = readTabularManifest(runDir);
  const { train, holdout } = await reloadRunData(manifest);
  const { rows } = capRows(train.rows, TABLE_REPORT_SAMPLES, 21);
  const score = qualityScore(featureTable(manifest.schema, holdout, 'hold-out'), featureTable(manifest.schema, { columns: train.columns, rows }, 'training rows'), { seed: 1 });
  return { overall: score.overall, column_shapes: score.column_shapes.score, column_pair_trends: score.column_pair_trends.score };
}

const f3 = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(3));

async function trainAndReport(name: string, seed: number, options: TabularBenchOptions, backend: Awaited<ReturnType<typeof selectBackend>>) {
  const started = performance.now();
  const runDir = mkdtempSync(path.join(os.tmpdir(), `factor-studio-tabular-${name}-`));
  const data = path.join(options.dataDir, name);
  const base = options.preset
    ? presetConfig('tabular', options.preset, { data })
    : { data, stage1Steps: options.stage1Steps, stage2Steps: options.stage2Steps, stage2: options.stage2, checkpointEvery: 100_000 };
  const config = tabularModelConfigSchema.parse({ ...base, ...options.overrides, seed });
  const train = await runTabularTrain({ kind: 'tabular-train', config, runDir }, backend, quiet);
  const trainSeconds = (performance.now() - started) / 1000;
  // The training job fits the copula too (copula.json holds its time): ours is the rest of the job.
  const copulaSeconds = readSavedCopula(runDir)?.fitSeconds ?? Number.NaN;
  const report = await reportOf(runDir);
  const h = report.headline;
  const copula = report.baseline.status === 'ok' ? report.baseline.report.headline : null;
  const s1 = report.stage1.headline;
  const realRows = await realRowsScore(runDir);
  const oursSeconds = trainSeconds - copulaSeconds;
  process.stderr.write(
    `${name} seed ${seed}: overall ours ${f3(h.overall)} / copula ${f3(copula?.overall)} / stage 1 ${f3(s1.overall)}; shapes ${f3(h.column_shapes)} / ${f3(copula?.column_shapes)}; pairs ${f3(h.column_pair_trends)} / ${f3(copula?.column_pair_trends)}; ML efficacy ${f3(h.ml_efficacy_ratio)} / ${f3(copula?.ml_efficacy_ratio)} / ${f3(s1.ml_efficacy_ratio)}; DCR share ${f3(h.dcr_share_closer_to_training)} / ${f3(copula?.dcr_share_closer_to_training)}; copies ${h.exact_copies} / ${copula?.exact_copies ?? 'n/a'}; fit ${oursSeconds.toFixed(1)} s ours, ${copulaSeconds.toFixed(2)} s copula; the real training rows' own overall ${f3(realRows.overall)} (shapes ${f3(realRows.column_shapes)}, pairs ${f3(realRows.column_pair_trends)})\n`,
  );
  return {
    seed,
    rows: train.result.output?.rows,
    early_stops: train.result.output?.earlyStops,
    fit_seconds: { ours: Number(oursSeconds.toFixed(2)), copula: Number(copulaSeconds.toFixed(3)) },
    headline: h,
    copula,
    stage1: s1,
    real_rows: realRows,
    run_dir: runDir,
  };
}

/** Seeds from --seeds: N (seeds 1..N) or a list (1,2,3). */
export function parseSeeds(value: string): number[] {
  const list = value.split(',').map(Number);
  if (list.some((s) => !Number.isInteger(s))) throw new Error(`--seeds: expected a count (3) or a list of integers (1,2,3), got "${value}"`);
  return list.length === 1 ? Array.from({ length: list[0]! }, (_, i) => i + 1) : list;
}

/**
 * Trains on the vega-datasets tables (benchTables) with a fixed step budget, once per seed, and
 * prints per table and seed MS-VAE, the Gaussian copula (fitted by the same job on the same
 * training rows) and stage 1 alone, with both fit times; then the mean over seeds against issue
 * 18's targets (overall >= copula + 0.02, ML efficacy above the copula's and >= 0.9, DCR share
 * <= 0.55, no exact copies), and a last line with the mean margins over the copula. The seed sets
 * the split and the initial weights: one seed's ML efficacy ranged 0.68-0.92 on cars (an 81-row
 * hold-out), so the targets are read on the mean over seeds.
 */
export async function tabularBench(options: TabularBenchOptions): Promise<object> {
  const backend = await selectBackend();
  const seeds = options.seeds ?? [1, 2, 3];
  const results = [];
  for (const name of (options.datasets ?? benchTables).map((d) => (path.extname(d) ? d : `${d}.json`))) {
    const runs: Awaited<ReturnType<typeof trainAndReport>>[] = [];
    for (const seed of seeds) runs.push(await trainAndReport(name, seed, options, backend));
    const over = (pick: (r: (typeof runs)[number]) => number | null | undefined) => spread(runs.map((r) => pick(r) ?? Number.NaN));
    const mean = {
      overall: over((r) => r.headline.overall),
      copula_overall: over((r) => r.copula?.overall),
      real_rows_overall: over((r) => r.real_rows.overall),
      stage1_overall: over((r) => r.stage1.overall),
      ml_efficacy_ratio: over((r) => r.headline.ml_efficacy_ratio),
      copula_ml_efficacy_ratio: over((r) => r.copula?.ml_efficacy_ratio),
      dcr_share_closer_to_training: over((r) => r.headline.dcr_share_closer_to_training),
      fit_seconds_ours: over((r) => r.fit_seconds.ours),
      fit_seconds_copula: over((r) => r.fit_seconds.copula),
    };
    const margins = { overall: mean.overall.mean - mean.copula_overall.mean, ml_efficacy_ratio: mean.ml_efficacy_ratio.mean - mean.copula_ml_efficacy_ratio.mean };
    const copies = Math.max(...runs.map((r) => r.headline.exact_copies ?? 0));
    results.push({
      dataset: name,
      seeds,
      over_seeds: mean,
      margins_over_copula: margins,
      targets: {
        overall_ge_copula_plus_0_02: margins.overall >= 0.02,
        ml_efficacy_above_copula: margins.ml_efficacy_ratio > 0,
        ml_efficacy_ge_0_9: mean.ml_efficacy_ratio.mean >= 0.9,
        dcr_share_le_0_55: mean.dcr_share_closer_to_training.mean <= 0.55,
        no_exact_copies: copies === 0,
      },
      runs,
    });
    process.stderr.write(
      `${name} over ${seeds.length} seed(s): overall ${mean.overall.mean.toFixed(3)} vs copula ${mean.copula_overall.mean.toFixed(3)} (${margins.overall >= 0 ? '+' : ''}${margins.overall.toFixed(3)}; the real rows' own ${mean.real_rows_overall.mean.toFixed(3)}), ML efficacy ${mean.ml_efficacy_ratio.mean.toFixed(3)} vs ${mean.copula_ml_efficacy_ratio.mean.toFixed(3)}, DCR share ${mean.dcr_share_closer_to_training.mean.toFixed(3)}, max copies ${copies}\n`,
    );
  }
  const meanOf = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const margins = {
    overall: meanOf(results.map((r) => r.margins_over_copula.overall)),
    ml_efficacy_ratio: meanOf(results.map((r) => r.margins_over_copula.ml_efficacy_ratio)),
    tables_ahead_by_0_02: results.filter((r) => r.targets.overall_ge_copula_plus_0_02).length,
    tables: results.length,
  };
  process.stderr.write(
    `mean margin over the copula (${results.length} table(s) x ${seeds.length} seed(s)): overall ${margins.overall >= 0 ? '+' : ''}${margins.overall.toFixed(3)}, ML efficacy ${margins.ml_efficacy_ratio >= 0 ? '+' : ''}${margins.ml_efficacy_ratio.toFixed(3)}; ${margins.tables_ahead_by_0_02} of ${margins.tables} table(s) at least 0.02 ahead\n`,
  );
  return { bench: 'tabular', backend: backend.name, stage1_steps: options.stage1Steps, stage2_steps: options.stage2Steps, stage2: options.stage2, seeds, results, mean_margins_over_copula: margins };
}
