import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TabularGenerateJobSpec } from '../../../shared/compute-protocol';
import { phaseProgress } from '../../../shared/progress';
import { writeFileAtomic } from '../core/atomic-files';
import { cancelledAt, type JobCallbacks, type TaskOutcome } from '../core/job-context';
import { loadTabularRun } from '../table/model/run-files';
import { synthesizeRows } from '../table/model/synthesize';
import { datasetCard, datasetCardMarkdown } from '../table/writing/dataset-card';
import { formatOf, serializeTable } from '../table/writing/export-table';

/** The 'tabular-generate' job: n synthetic rows meeting the conditions, written in the out file's format, with the card on request. */
export async function runTabularGenerate(spec: TabularGenerateJobSpec, callbacks: JobCallbacks): Promise<TaskOutcome<'tabular-generate'>> {
  const format = formatOf(spec.out);
  const run = loadTabularRun(spec.runDir);
  try {
    for (const k of Object.keys(spec.fix).map(Number)) {
      if (!Number.isInteger(k) || k < 0 || k >= run.manifest.config.latents) throw new Error(`--fix c${k}: this model has factors c0..c${run.manifest.config.latents - 1}`);
    }
    const table = await synthesizeRows(run, spec.n, spec.seed, {
      where: spec.where,
      fix: spec.fix,
      onProgress: (kept) => callbacks.onProgress(phaseProgress('generate', Math.min(kept, spec.n), spec.n)),
      isCancelled: callbacks.isCancelled,
    });
    if (callbacks.isCancelled()) return cancelledAt(table.rows.length);
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
