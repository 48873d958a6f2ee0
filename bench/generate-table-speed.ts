import * as tf from '@tensorflow/tfjs-core';
import { presetConfig } from '../shared/presets';
import { tabularModelConfigSchema } from '../shared/tabular-config';
import { selectBackend } from '../main/engine/core/backend';
import { TableEncoder } from '../main/engine/table/encoding/encoder';
import { TabularMsVae } from '../main/engine/table/model/model';
import type { TrainedTabularRun } from '../main/engine/table/model/run-files';
import { sampleEncodedRows } from '../main/engine/table/model/sample';
import { SpanLayout } from '../main/engine/table/model/span-layout';
import { SYNTHESIS_CHUNK, synthesizeRows } from '../main/engine/table/model/synthesize';
import { readTableSource } from '../main/engine/table/reading/read-table';
import type { GenerateSpeedOptions } from './generate-images-speed';
import { kernelProfile } from './kernel-profile';
import { peakRss, resetPeakRss } from './peak-rss';
import { rateSummary, timeRepeats } from './stats';

export interface TableGenerateSpeedOptions extends GenerateSpeedOptions {
  /** The table whose schema and encoder the model is built for. */
  readonly data: string;
  /** Rows per synthesizeRows call (whole chunks of SYNTHESIS_CHUNK are drawn). */
  readonly rows: number;
}

/**
 * Rows per second of tabular generation with an untrained model of the app's architecture (the
 * Balanced preset's config; every table preset has the same one) on a real table's encoder:
 *   encoded: one chunk through sample.ts (c ~ N(0, I), y = activate(dec1(c)), the flow's
 *            inverse), the forward passes the PyTorch twin repeats;
 *   decoded: synthesize.ts, what a table export runs: chunks drawn, decoded to values by the
 *            TableEncoder (sampling categories, inverse transforms), no conditions.
 */
export async function tableGenerateSpeed(options: TableGenerateSpeedOptions): Promise<Record<string, unknown>> {
  const backend = await selectBackend(options.backend);
  resetPeakRss();
  const config = tabularModelConfigSchema.parse(presetConfig('tabular', 'balanced', { data: options.data }));
  const { schema, table } = await readTableSource(options.data, { maxRows: config.maxRows, seed: config.seed });
  const encoder = new TableEncoder(schema, table, { numeric: config.numericEncoding });
  const layout = new SpanLayout(encoder.spans, encoder.width);
  const model = new TabularMsVae(config, layout);
  const run: TrainedTabularRun = {
    manifest: { kind: 'tabular', config, schema, encoder: encoder.toJSON(), split: { trainRows: table.rows.length, holdoutRows: 0 }, backend: backend.name, createdAt: Date.now() },
    encoder,
    model,
    step: config.stage1Steps + config.stage2Steps,
    hasStage2: true,
  };
  const tensorsBefore = tf.memory().numTensors;
  const encodedTimes = await timeRepeats(options.warmup, options.repeats, (i) => sampleEncodedRows(model, SYNTHESIS_CHUNK, 1 + i * 7919, {}, 2));
  let kept = 0;
  const decodedTimes = await timeRepeats(options.warmup, options.repeats, async (i) => {
    kept = (await synthesizeRows(run, options.rows, 1 + i, {})).rows.length;
  });
  if (kept !== options.rows) throw new Error(`synthesizeRows returned ${kept} rows, expected ${options.rows}`);
  const kernels = options.profile ? kernelProfile((await tf.profile(() => sampleEncodedRows(model, SYNTHESIS_CHUNK, 1, {}, 2).then(() => []))).kernels) : undefined;
  const leaked = tf.memory().numTensors - tensorsBefore;
  model.dispose();
  return {
    impl: 'factor-studio',
    kind: 'generate-table',
    backend: backend.name,
    threads: 1,
    preset: 'balanced',
    data: options.data,
    model: { columns: schema.columns.filter((c) => c.role === 'feature').length, width: layout.width, latents: config.latents, hidden: config.hidden, flow_layers: config.flowLayers, stage2: config.stage2 },
    layout: { categorical: layout.categorical.map((s) => `${s.start}:${s.width}`), missing: [...layout.missingMask.keys()].filter((i) => layout.missingMask[i] === 1) },
    results: [
      { stage: 'encoded', ...rateSummary(SYNTHESIS_CHUNK, encodedTimes) },
      { stage: 'decoded', ...rateSummary(options.rows, decodedTimes) },
    ],
    ...peakRss(),
    tensors_leaked: leaked,
    ...(kernels ? { kernels } : {}),
  };
}

/** The twin's arguments for the same model, layout and chunk (the encoded rows only: decoding has no twin). */
export function tableTwinArgs(ours: Record<string, unknown>, repeats: number, warmup: number): string[] {
  const m = ours['model'] as { width: number; latents: number; hidden: number; flow_layers: number };
  const layout = ours['layout'] as { categorical: string[]; missing: number[] };
  return [
    '--kind', 'table', '--batches', String(SYNTHESIS_CHUNK), '--width', String(m.width), '--latent', String(m.latents), '--hidden', String(m.hidden), '--layers', String(m.flow_layers),
    '--categorical', layout.categorical.join(','), '--missing', layout.missing.join(','), '--repeats', String(repeats), '--warmup', String(warmup),
  ];
}
