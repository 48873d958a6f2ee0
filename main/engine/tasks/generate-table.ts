import { rmSync } from 'node:fs';
import path from 'node:path';
import type { JobResult, TabularGenerateJobSpec, TabularReportJobSpec } from '../../../shared/compute-protocol';
import type { CellValue, Table } from '../../../shared/tabular-schema';
import type { JobCallbacks } from '../core/job-context';
import { seededRandom } from '../core/random';
import { compileConditions } from '../table/model/conditions';
import { formatOf, serializeTable } from '../table/writing/export-table';
import { loadTabularRun, reloadRunData, type TrainedTabularRun } from '../table/model/run-files';
import { sampleEncodedRows } from '../table/model/sample';
import { buildQualityReport, compareStages } from '../table/report/report';
import { renderReportHtml } from '../table/report/report-html';
import { writeFileAtomic } from '../core/atomic-files';
import { datasetCard, datasetCardMarkdown } from '../table/writing/dataset-card';

const chunk = 1024;

/**
 * n synthetic rows meeting every condition: rows are drawn in chunks and kept when they meet
 * the conditions, until n are kept; a condition too rare to meet is reported with its rate.
 */
export async function synthesizeRows(
  run: TrainedTabularRun,
  n: number,
  seed: number,
  options: { where?: TabularGenerateJobSpec['where']; fix?: Readonly<Record<number, number>>; stage?: 1 | 2; onProgress?: (kept: number) => void; isCancelled?: () => boolean },
): Promise<Table> {
  const conditions = compileConditions(options.where ?? [], run.manifest.schema);
  const stage = options.stage ?? (run.hasStage2 ? 2 : 1);
  const random = seededRandom(seed);
  // VAE and stage-1 outputs are probabilities: sample categories from them. The mixture's and the flow's are samples already.
  const sample = !(stage === 2 && run.manifest.config.stage2 !== 'vae');
  const kept: CellValue[][] = [];
  let drawn = 0;
  for (let round = 0; kept.length < n; round++) {
    if (options.isCancelled?.()) break;
    const encoded = await sampleEncodedRows(run.model, chunk, seed + round * 7919, options.fix ?? {}, stage);
    // rowOffset keeps fresh ids of excluded identifier columns unique across chunks.
    const table = run.encoder.decode(encoded, chunk, { sample, random, rowOffset: drawn });
    drawn += chunk;
    for (const row of table.rows) {
      const copy = [...row];
      if (conditions.every((c) => c.test(copy))) kept.push(copy);
      if (kept.length >= n) break;
    }
    options.onProgress?.(kept.length);
    if (drawn >= 200 * n + 20 * chunk && kept.length < n) {
      const rate = kept.length / drawn;
      throw new Error(
        `Only ${kept.length} of ${drawn} generated rows met ${conditions.map((c) => c.describe).join(' and ')} (${(rate * 100).toFixed(3)}%); widen the condition or ask for fewer rows`,
      );
    }
  }
  return { columns: run.encoder.columns, rows: kept };
}

export async function runTabularGenerate(spec: TabularGenerateJobSpec, callbacks: JobCallbacks): Promise<{ result: JobResult; cancelled: boolean }> {
  const format = formatOf(spec.out);
  const run = loadTabularRun(spec.runDir);
  try {
    for (const k of Object.keys(spec.fix).map(Number)) {
      if (!Number.isInteger(k) || k < 0 || k >= run.manifest.config.latents) throw new Error(`--fix c${k}: this model has factors c0..c${run.manifest.config.latents - 1}`);
    }
    const table = await synthesizeRows(run, spec.n, spec.seed, {
      where: spec.where,
      fix: spec.fix,
      onProgress: (kept) => callbacks.onProgress({ phase: 'generate', step: Math.min(kept, spec.n), totalSteps: spec.n, losses: {}, stepsPerSec: 0, etaSec: null }),
      isCancelled: callbacks.isCancelled,
    });
    if (callbacks.isCancelled()) return { result: { step: table.rows.length, metrics: {} }, cancelled: true };
    const out = path.resolve(spec.out);
    try {
      writeFileAtomic(out, serializeTable(table, run.manifest.schema, format));
      if (spec.card) {
        const card = datasetCard(run, { file: out, rows: table.rows.length, where: spec.where, fix: spec.fix, seed: spec.seed });
        writeFileAtomic(`${out}.card.json`, JSON.stringify(card, null, 2));
        writeFileAtomic(`${out}.card.md`, datasetCardMarkdown(card));
      }
    } catch (error) {
      rmSync(out, { force: true });
      throw error;
    }
    return { result: { step: table.rows.length, metrics: { rows: table.rows.length }, output: { out, rows: table.rows.length, format, stage: run.hasStage2 ? 2 : 1 } }, cancelled: false };
  } finally {
    run.model.dispose();
  }
}

/**
 * Synthetic samples per stage in the report: ML efficacy and the DCR share are averaged over
 * them (report.ts); one sample's luck moved ML efficacy by +-0.07 on cars at a fixed model.
 */
const reportDraws = 5;

/**
 * `reportDraws` independent samples from one stage, the first of n rows seeded with `seed`. The
 * others feed only ML efficacy and DCR, which read at most 5,000 rows of a sample (their caps),
 * so they stop there: a 100,000-row report does not draw 400,000 more rows.
 */
async function reportSamples(run: TrainedTabularRun, n: number, seed: number, stage: 1 | 2): Promise<{ synthetic: Table; moreSynthetic: Table[] }> {
  const synthetic = await synthesizeRows(run, n, seed, { stage });
  const moreSynthetic: Table[] = [];
  for (let k = 1; k < reportDraws; k++) moreSynthetic.push(await synthesizeRows(run, Math.min(n, 5000), seed * 1000 + k, { stage }));
  return { synthetic, moreSynthetic };
}

/** The quality report of stage-1 and stage-2 samples against the real rows, as JSON and optionally HTML. */
export async function runTabularReport(spec: TabularReportJobSpec, callbacks: JobCallbacks): Promise<{ result: JobResult; cancelled: boolean }> {
  const run = loadTabularRun(spec.runDir);
  try {
    const { train, holdout } = await reloadRunData(run.manifest);
    const n = Math.min(spec.samples, train.rows.length);
    const schema = run.manifest.schema;
    const target = spec.target ?? run.manifest.config.target;
    callbacks.onProgress({ phase: 'report', step: 0, totalSteps: 2, losses: {}, stepsPerSec: 0, etaSec: null });
    const stage1 = buildQualityReport({ schema, real: train, ...(await reportSamples(run, n, 11, 1)), holdout, seed: 1, ...(target ? { target } : {}) });
    callbacks.onProgress({ phase: 'report', step: 1, totalSteps: 2, losses: {}, stepsPerSec: 0, etaSec: null });
    const { synthetic, moreSynthetic } = await reportSamples(run, n, 12, run.hasStage2 ? 2 : 1);
    const stage2 = buildQualityReport({ schema, real: train, synthetic, moreSynthetic, holdout, seed: 1, ...(target ? { target } : {}) });
    const report = { run: path.resolve(spec.runDir), data: run.manifest.config.data, samples: n, stage2_kind: run.manifest.config.stage2, stage2_trained: run.hasStage2, headline: stage2.headline, stage1, stage2, comparison: compareStages(stage1, stage2) };
    writeFileAtomic(path.join(spec.runDir, 'report.json'), JSON.stringify(report, null, 1));
    if (spec.html) {
      writeFileAtomic(path.resolve(spec.html), renderReportHtml(stage2, { title: `Quality report: ${path.basename(run.manifest.config.data)}`, real: train, synthetic, schema, stage1 }));
    }
    return { result: { step: run.step, metrics: {}, output: report }, cancelled: false };
  } finally {
    run.model.dispose();
  }
}
