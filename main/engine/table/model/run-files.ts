import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tabularModelConfigSchema, type TabularModelConfig } from '../../../../shared/tabular-config';
import type { Table, TableSchema } from '../../../../shared/tabular-schema';
import { createPermutation, mixSeed } from '../../core/permutation';
import { TableEncoder, type TableEncoderJSON } from '../encoding/encoder';
import { readTableSource } from '../reading/read-table';
import { assignWeights, disposeCheckpoint, latestCheckpointDir, loadCheckpoint } from '../../core/checkpoint';
import { TabularMsVae } from './model';
import { SpanLayout } from './span-layout';

/** What a tabular run folder's run.json holds: enough to rebuild the encoder and the split. */
export interface TabularRunManifest {
  readonly kind: 'tabular';
  readonly config: TabularModelConfig;
  readonly schema: TableSchema;
  readonly encoder: TableEncoderJSON;
  /** validationRows: absent in runs made before early stopping (no validation split then). */
  readonly split: { readonly trainRows: number; readonly holdoutRows: number; readonly validationRows?: number };
  readonly backend: string;
  readonly createdAt: number;
}

export function readTabularManifest(runDir: string): TabularRunManifest {
  const file = path.join(runDir, 'run.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<TabularRunManifest>;
  if (manifest.kind !== 'tabular') throw new Error(`${file} is not a tabular run`);
  return manifest as TabularRunManifest;
}

/**
 * Splits the sampled table with a seeded permutation (the same every time): hold-out rows for
 * the report, then validation rows for early stopping (never trained on, not in the report's
 * training set), then the training rows.
 */
export function splitTable(table: Table, holdout: number, seed: number, validation = 0, validationRows?: number): { train: Table; validation: Table; holdout: Table } {
  const n = table.rows.length;
  const order = createPermutation(n, mixSeed(seed, 0x401d));
  const held = n >= 10 ? Math.max(1, Math.round(n * holdout)) : 0;
  // A trained run's split is repeated from the count it recorded, whatever the rule was then.
  const validated = validationRows ?? validationRowCount(n - held, validation);
  const rows = Array.from({ length: n }, (_, i) => table.rows[order(i)] ?? []);
  const part = (from: number, to: number): Table => ({ columns: table.columns, rows: rows.slice(from, to) });
  return { holdout: part(0, held), validation: part(held, held + validated), train: part(held + validated, n) };
}

/** Validation rows beyond this add nothing to the stopping decision, only time to every check. */
export const MAX_VALIDATION_ROWS = 5000;

/** Validation rows out of `rows`: none for tables too small to spare five, at most MAX_VALIDATION_ROWS. */
function validationRowCount(rows: number, share: number): number {
  const count = Math.min(MAX_VALIDATION_ROWS, Math.round(rows * share));
  return count >= 5 && rows - count >= 20 ? count : 0;
}

/** Reads the run's source again (same sample, same split); refuses a file that changed since training. */
export async function reloadRunData(manifest: TabularRunManifest): Promise<{ train: Table; holdout: Table }> {
  const { schema: current, table } = await readTableSource(manifest.config.data, {
    maxRows: manifest.config.maxRows,
    seed: manifest.config.seed,
    overrides: manifest.schema.columns.map((c) => ({ column: c.name, type: c.type, role: c.role })),
  });
  if (current.fingerprint !== manifest.schema.fingerprint) {
    throw new Error(`${manifest.config.data} has changed since this model was trained (its fingerprint differs); the report needs the original file`);
  }
  const split = splitTable(table, manifest.config.holdout, manifest.config.seed, 0, manifest.split.validationRows ?? 0);
  return { train: split.train, holdout: split.holdout };
}

export interface TrainedTabularRun {
  readonly manifest: TabularRunManifest;
  readonly encoder: TableEncoder;
  readonly model: TabularMsVae;
  readonly step: number;
  readonly hasStage2: boolean;
}

export function loadTabularRun(runDir: string): TrainedTabularRun {
  const manifest = readTabularManifest(runDir);
  const config = tabularModelConfigSchema.parse(manifest.config);
  const encoder = TableEncoder.fromJSON(manifest.encoder);
  const dir = latestCheckpointDir(runDir);
  if (!dir) throw new Error(`${runDir} has no checkpoint: train it first`);
  const checkpoint = loadCheckpoint(dir, { optimizer: false });
  const model = new TabularMsVae(config, new SpanLayout(encoder.spans, encoder.width));
  try {
    assignWeights(model.paramSets(), checkpoint.weights);
  } finally {
    disposeCheckpoint(checkpoint);
  }
  return { manifest: { ...manifest, config }, encoder, model, step: checkpoint.meta.step, hasStage2: checkpoint.meta.step > config.stage1Steps };
}
