import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tabularModelConfigSchema } from '../shared/tabular-config';
import { selectBackend } from '../main/engine/backend';
import { runTabularReport } from '../main/engine/tasks/tabular-generate';
import { runTabularTrain } from '../main/engine/tasks/tabular-train';

const allDatasets = ['penguins', 'cars', 'movies'];

const quiet = { onBackend: () => {}, onProgress: () => {}, isCancelled: () => false };

/**
 * Trains on the vega-datasets tables with a fixed step budget and prints each report's headline
 * against the targets: overall >= 0.85, ML efficacy ratio >= 0.8, DCR share closer to training
 * <= 0.55 (equal-size training and hold-out samples), no exact copies.
 */
export async function tabularBench(options: { stage1Steps: number; stage2Steps: number; stage2: 'vae' | 'gmm' | 'flow'; dataDir: string; datasets?: string[]; overrides?: Record<string, number> }): Promise<object> {
  const backend = await selectBackend();
  const results = [];
  for (const name of (options.datasets ?? allDatasets).map((d) => `${d}.json`)) {
    const started = performance.now();
    const runDir = mkdtempSync(path.join(os.tmpdir(), `factor-studio-tabular-${name}-`));
    const config = tabularModelConfigSchema.parse({ data: path.join(options.dataDir, name), stage1Steps: options.stage1Steps, stage2Steps: options.stage2Steps, stage2: options.stage2, checkpointEvery: 100_000, ...options.overrides });
    const train = await runTabularTrain({ kind: 'tabular-train', config, runDir }, backend, quiet);
    const report = (await runTabularReport({ kind: 'tabular-report', runDir, samples: 2000 }, quiet)).result.output as {
      headline: { overall: number; ml_efficacy_ratio: number | null; dcr_share_closer_to_training: number | null; exact_copies: number };
      comparison: { summary?: string };
      stage1: { headline: { overall: number } };
    };
    const h = report.headline;
    results.push({
      dataset: name,
      rows: (train.result.output as { rows: unknown }).rows,
      early_stops: (train.result.output as { earlyStops: unknown }).earlyStops,
      seconds: Math.round((performance.now() - started) / 1000),
      headline: h,
      stage1_overall: report.stage1.headline.overall,
      targets: {
        overall_ge_0_85: h.overall >= 0.85,
        ml_efficacy_ge_0_8: (h.ml_efficacy_ratio ?? 0) >= 0.8,
        dcr_share_le_0_55: (h.dcr_share_closer_to_training ?? 1) <= 0.55,
        no_exact_copies: h.exact_copies === 0,
      },
      run_dir: runDir,
    });
    process.stderr.write(`${name}: overall ${h.overall.toFixed(3)} (stage 1 ${report.stage1.headline.overall.toFixed(3)}), ML efficacy ${h.ml_efficacy_ratio?.toFixed(3)}, DCR share ${h.dcr_share_closer_to_training?.toFixed(3)}, copies ${h.exact_copies}\n`);
  }
  return { bench: 'tabular', backend: backend.name, stage1_steps: options.stage1Steps, stage2_steps: options.stage2Steps, stage2: options.stage2, results };
}
