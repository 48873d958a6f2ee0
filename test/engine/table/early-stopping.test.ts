import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tabularModelConfigSchema } from '../../../shared/tabular-config';
import { readTabularManifest, reloadRunData } from '../../../main/engine/table/model/run-files';
import { runTabularTrain } from '../../../main/engine/tasks/train-table';
import { useWasm } from '../image/training/helpers';
import { everyTypeCsv, tabularTempDir } from './helpers';

const quiet = { onBackend: () => {}, onProgress: () => {}, isCancelled: () => false };
const backend = { name: 'wasm' as const, skipped: [], initMs: 0 };

describe('tabular early stopping on validation rows', () => {
  beforeAll(async () => {
    await useWasm();
  });

  it('sets validation rows aside, stops a stage that stops improving with its best weights, and keeps them out of the report\'s training rows', async () => {
    const dir = tabularTempDir();
    try {
      const file = dir.write('every-type.csv', everyTypeCsv());
      const runDir = path.join(dir.path, 'run');
      // A high learning rate and a check every step with patience 1: the validation loss is bound to rise at some check.
      const config = tabularModelConfigSchema.parse({ data: file, stage1Steps: 150, stage2Steps: 150, batch: 16, hidden: 32, lr: 0.05, stage2Lr: 0.05, validateEvery: 1, patience: 1, checkpointEvery: 1000 });
      const trained = await runTabularTrain({ kind: 'tabular-train', config, runDir }, backend, quiet);
      if (trained.cancelled) throw new Error('training was not cancelled');
      const output = trained.result.output;
      // 80 rows: 16 held out for the report, 6 (10% of the rest) for validation, 58 trained on.
      expect(output.rows).toMatchObject({ train: 58, validation: 6, holdout: 16 });
      expect(output.earlyStops.length).toBeGreaterThan(0);
      for (const stop of output.earlyStops) {
        const end = stop.stage === 'stage1' ? 150 : 300;
        expect(stop.step).toBeLessThan(end);
        expect(stop.bestStep).toBeLessThan(stop.step);
        expect(trained.result.metrics[`${stop.stage}.stopped_early_at`]).toBe(stop.step);
      }
      // The run still ends at its full length (the stopped stage jumps to its end), with both stages' checkpoints.
      expect(trained.result.step).toBe(300);
      const manifest = readTabularManifest(runDir);
      expect(manifest.split).toEqual({ trainRows: 58, holdoutRows: 16, validationRows: 6 });
      const { train, holdout } = await reloadRunData(manifest);
      expect([train.rows.length, holdout.rows.length]).toEqual([58, 16]);
    } finally {
      dir.remove();
    }
  }, 120_000);
});
