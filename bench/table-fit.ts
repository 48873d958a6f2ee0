/**
 * `npm run bench -- table-fit [--rows 10000] [--preset balanced]`: how long the app's table preset
 * takes to fit a 10,000 x 15 mixed table (bench/mixed-table.ts), with the quality report's
 * headline (against the hold-out) and the missing rate per column, real beside synthetic, so
 * speed is never bought with quality unseen.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPresetName, presetConfig } from '../shared/presets';
import { tabularModelConfigSchema } from '../shared/tabular-config';
import { TABLE_REPORT_SAMPLES } from '../shared/table-report';
import { selectBackend } from '../main/engine/core/backend';
import { loadTabularRun } from '../main/engine/table/model/run-files';
import { synthesizeRows } from '../main/engine/table/model/synthesize';
import { runTabularReport } from '../main/engine/tasks/report-table';
import { runTabularTrain } from '../main/engine/tasks/train-table';
import { mixedTableCsv } from './mixed-table';

const quiet = { onBackend: () => {}, onProgress: () => {}, isCancelled: () => false };

export interface TableFitOptions {
  readonly rows: number;
  readonly preset: string;
  readonly seed: number;
  readonly overrides?: Record<string, number>;
}

export async function tableFitBench(options: TableFitOptions): Promise<object> {
  if (!isPresetName(options.preset)) throw new Error(`--preset expects quick, balanced or best, got "${options.preset}"`);
  const backend = await selectBackend();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'factor-studio-table-fit-'));
  const data = path.join(dir, 'mixed.csv');
  writeFileSync(data, mixedTableCsv(options.rows));
  const runDir = path.join(dir, 'run');
  const config = tabularModelConfigSchema.parse({ ...presetConfig('tabular', options.preset, { data }), seed: options.seed, ...options.overrides });
  const started = performance.now();
  const train = await runTabularTrain({ kind: 'tabular-train', config, runDir }, backend, quiet);
  const fitSeconds = (performance.now() - started) / 1000;
  const reportStarted = performance.now();
  const report = (await runTabularReport({ kind: 'tabular-report', runDir, samples: TABLE_REPORT_SAMPLES }, quiet)).result.output;
  const reportSeconds = (performance.now() - reportStarted) / 1000;
  const run = loadTabularRun(runDir);
  const missing: Record<string, { real: number; synthetic: number }> = {};
  try {
    const synthetic = await synthesizeRows(run, 5000, options.seed, {});
    for (const col of run.manifest.schema.columns) {
      if (col.missing === 0) continue;
      const j = synthetic.columns.indexOf(col.name);
      const nulls = synthetic.rows.filter((row) => row[j] === null).length;
      missing[col.name] = { real: round(col.missing / run.manifest.schema.rowCount), synthetic: round(nulls / synthetic.rows.length) };
    }
  } finally {
    run.model.dispose();
  }
  return {
    bench: 'table-fit',
    backend: backend.name,
    rows: options.rows,
    preset: options.preset,
    config: { stage1Steps: config.stage1Steps, stage2Steps: config.stage2Steps, batch: config.batch, lr: config.lr },
    seconds: Number(fitSeconds.toFixed(1)),
    report_seconds: Number(reportSeconds.toFixed(1)),
    early_stops: train.result.output?.earlyStops,
    overall: report.headline.overall,
    stage1_overall: report.stage1.headline.overall,
    ml_efficacy: report.headline.ml_efficacy_ratio,
    missing,
  };
}

const round = (x: number) => Number(x.toFixed(4));
