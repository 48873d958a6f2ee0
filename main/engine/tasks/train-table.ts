import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BackendReport, TabularTrainJobSpec } from '../../../shared/compute-protocol';
import { phaseProgress } from '../../../shared/progress';
import { eventYielder, type JobCallbacks, type TaskOutcome } from '../core/job-context';
import type { TabularRunManifest } from '../table/model/run-files';
import { readTabularManifest, splitTable } from '../table/model/run-files';
import { SpanLayout } from '../table/model/span-layout';
import { trainTabularModel } from '../table/model/train';
import { TableEncoder } from '../table/encoding/encoder';
import { readTableSource } from '../table/reading/read-table';
import { writeFileAtomic } from '../core/atomic-files';
import { fitAndSaveCopula } from '../table/baseline/copula-file';

/** Fewer rows than this cannot fit a model worth having (and leave nothing to hold out). */
const minTrainingRows = 10;

/** The 'tabular-train' job: reads the table (schema, sample), holds out rows for the report, fits the encoder, trains both stages. */
export async function runTabularTrain(spec: TabularTrainJobSpec, backend: BackendReport, callbacks: JobCallbacks): Promise<TaskOutcome<'tabular-train'>> {
  const { config } = spec;
  const { schema, table } = await readTableSource(config.data, {
    maxRows: config.maxRows,
    seed: config.seed,
    ...(spec.overrides ? { overrides: spec.overrides } : {}),
    onProgress: (rows) => callbacks.onProgress(phaseProgress('scan', rows, 0)),
  });
  if (!schema.columns.some((c) => c.role === 'feature')) throw new Error(`${config.data}: no column is left to model (all are excluded)`);
  if (table.rows.length < minTrainingRows) throw new Error(`${config.data}: only ${table.rows.length} usable row(s); at least ${minTrainingRows} are needed`);
  // Resuming: the same split as the run's first start, even if the default rule changed since.
  const saved = existsSync(path.join(spec.runDir, 'run.json')) ? readTabularManifest(spec.runDir) : null;
  const { train, validation, holdout } = splitTable(table, config.holdout, config.seed, config.patience > 0 ? config.validation : 0, saved?.split.validationRows);
  // Resuming: the encoder the checkpoints were trained with (a default may have changed since).
  const encoder = saved ? TableEncoder.fromJSON(saved.encoder) : new TableEncoder(schema, train, { numeric: config.numericEncoding });
  mkdirSync(spec.runDir, { recursive: true });
  const manifest: TabularRunManifest = {
    kind: 'tabular',
    config,
    schema,
    encoder: encoder.toJSON(),
    split: { trainRows: train.rows.length, holdoutRows: holdout.rows.length, validationRows: validation.rows.length },
    backend: backend.name,
    createdAt: Date.now(),
  };
  writeFileAtomic(path.join(spec.runDir, 'run.json'), JSON.stringify(manifest, null, 1));
  // The baseline the report sets beside MS-VAE, on the same training rows; seconds, so fitted
  // first (a cancelled run still has it) and again on resume (the same fit: same rows, same seed).
  fitAndSaveCopula(spec.runDir, schema, train, config.seed);
  const rows = encoder.encode(train);
  const validationRows = { rows: encoder.encode(validation), n: validation.rows.length };
  const outcome = await trainTabularModel(
    config,
    new SpanLayout(encoder.spans, encoder.width),
    rows,
    train.rows.length,
    spec.runDir,
    {
      onProgress: (p) => callbacks.onProgress(p),
      onCheckpoint: callbacks.onCheckpoint,
      isCancelled: callbacks.isCancelled,
      yieldToEvents: eventYielder(),
    },
    validationRows,
  );
  return {
    result: {
      step: outcome.step,
      // Where a stage stopped early, and the step whose weights it kept, beside the final losses (the history's compare view shows them).
      metrics: { ...outcome.lastLosses, ...Object.fromEntries(outcome.earlyStops.flatMap((s) => [[`${s.stage}.stopped_early_at`, s.step], [`${s.stage}.best_step`, s.bestStep]])) },
      output: {
        runDir: spec.runDir,
        resumedFrom: outcome.resumedFrom,
        rows: { train: train.rows.length, validation: validation.rows.length, holdout: holdout.rows.length, skipped: schema.skippedRows },
        earlyStops: outcome.earlyStops,
        issues: schema.issues,
      },
    },
    cancelled: outcome.cancelled,
  };
}
