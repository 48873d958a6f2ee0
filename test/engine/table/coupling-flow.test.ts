import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tabularModelConfigSchema } from '../../../shared/tabular-config';
import { conditionalFlow } from '../../../main/engine/table/model/coupling-flow';
import { flowNoiseFor } from '../../../main/engine/table/model/steps';
import { Params } from '../../../main/engine/core/nn/params';
import { loadTabularRun } from '../../../main/engine/table/model/run-files';
import { synthesizeRows } from '../../../main/engine/table/model/synthesize';
import { runTabularTrain } from '../../../main/engine/tasks/train-table';
import { useWasm } from '../image/training/helpers';
import { everyTypeCsv, tabularTempDir } from './helpers';

const quiet = { onBackend: () => {}, onProgress: () => {}, isCancelled: () => false };

/** Rows of a correlated 4-D residual whose shape depends on a 2-D condition y. */
function correlatedBatch(n: number, seed: number): { r: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const y = tf.randomUniform([n, 2], -1, 1, 'float32', seed) as tf.Tensor2D;
    const e = tf.randomNormal([n, 4], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
    const [e0, e1, e2, e3] = tf.split(e, 4, 1);
    const [y0] = tf.split(y, 2, 1);
    // r1 follows r0 closely (a correlation the diagonal base cannot express); r0's mean moves with y.
    const r0 = tf.add(e0!, tf.mul(2, y0!));
    const r1 = tf.add(tf.mul(0.9, r0), tf.mul(0.1, e1!));
    const r3 = tf.add(tf.mul(-0.8, e2!), tf.mul(0.2, e3!));
    return { r: tf.concat([r0, r1, e2!, r3], 1) as tf.Tensor2D, y };
  });
}

describe('conditional coupling flow (tabular stage 2)', () => {
  beforeAll(async () => {
    await useWasm();
  });

  it('inverts exactly: invert(forward(r; y); y) = r', () => {
    const p = new Params(3);
    const flow = conditionalFlow(p, 'flow', 5, 3, 16, 4);
    // Nudge every weight away from the near-identity start so the couplings really act.
    for (const v of p.list()) v.assign(tf.tidy(() => tf.add(v, tf.randomNormal(v.shape, 0, 0.1, 'float32', 11))));
    const [r, back, logDet] = tf.tidy(() => {
      const rr = tf.randomNormal([32, 5], 0, 1.5, 'float32', 1) as tf.Tensor2D;
      const y = tf.randomNormal([32, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
      const { u, logDet: ld } = flow.forward(rr, y);
      return [rr, flow.invert(u, y), ld];
    });
    const maxError = tf.tidy(() => tf.max(tf.abs(tf.sub(r, back))).dataSync()[0]!);
    expect(maxError).toBeLessThan(1e-3);
    expect(Math.max(...Array.from(logDet.dataSync()).map(Math.abs))).toBeGreaterThan(1e-3);
    tf.dispose([r, back, logDet]);
    p.dispose();
  });

  it('learns a correlation a diagonal Gaussian cannot: its NLL ends well below the Gaussian bound, without leaking tensors', () => {
    const p = new Params(5);
    const flow = conditionalFlow(p, 'flow', 4, 2, 32, 4);
    const opt = tf.train.adam(3e-3);
    const nll = (r: tf.Tensor2D, y: tf.Tensor2D) => tf.neg(tf.mean(flow.logProb(r, y))) as tf.Scalar;
    let tensorsAfterFirst = -1;
    for (let step = 0; step < 400; step++) {
      const { r, y } = correlatedBatch(128, 100 + step);
      tf.tidy(() => {
        opt.minimize(() => nll(r, y), false, p.list());
      });
      tf.dispose([r, y]);
      if (step === 0) tensorsAfterFirst = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(tensorsAfterFirst);
    const { r, y } = correlatedBatch(2000, 9);
    const finalNll = tf.tidy(() => nll(r, y).dataSync()[0]!);
    // The best diagonal Gaussian given y: sum of 0.5 log(2 pi e var) over the dims' conditional variances.
    const diagonal = [1, 0.9 ** 2 + 0.01, 1, 0.68].reduce((sum, v) => sum + 0.5 * Math.log(2 * Math.PI * Math.E * v), 0);
    expect(finalNll).toBeLessThan(diagonal - 1);
    tf.dispose([r, y]);
    opt.dispose();
    p.dispose();
  }, 120_000);

  it('smooths small tables more: the auto training noise shrinks with the row count, a number is kept as given', () => {
    expect(flowNoiseFor('auto', 120)).toBe(0.3);
    expect(flowNoiseFor('auto', 300)).toBe(0.3);
    expect(flowNoiseFor('auto', 2400)).toBeCloseTo(0.15, 5);
    expect(flowNoiseFor('auto', 5_000_000)).toBe(0.03);
    expect(flowNoiseFor(0.07, 120)).toBe(0.07);
  });

  it('trains both stages with --stage2 flow and generates rows that respect the schema', async () => {
    const dir = tabularTempDir();
    try {
      const file = dir.write('every-type.csv', everyTypeCsv());
      const runDir = path.join(dir.path, 'run');
      const config = tabularModelConfigSchema.parse({ data: file, stage1Steps: 30, stage2Steps: 30, stage2: 'flow', batch: 32, hidden: 32, checkpointEvery: 1000 });
      const trained = await runTabularTrain({ kind: 'tabular-train', config, runDir }, { name: 'wasm', skipped: [], initMs: 0 }, quiet);
      expect(trained.result.step).toBe(60);
      expect(Number.isFinite(trained.result.metrics['nll'])).toBe(true);
      const run = loadTabularRun(runDir);
      try {
        const table = await synthesizeRows(run, 4000, 4, {});
        expect(table.rows).toHaveLength(4000);
        // Missing at each column's real rate (within a point), whatever a 60-step flow makes of its flags.
        for (const column of run.manifest.schema.columns.filter((c) => c.role === 'feature' && c.missing > 0)) {
          const j = table.columns.indexOf(column.name);
          const rate = table.rows.filter((row) => row[j] === null).length / table.rows.length;
          expect(Math.abs(rate - column.missing / run.manifest.schema.rowCount), column.name).toBeLessThan(0.01);
        }
        const col = (name: string) => table.columns.indexOf(name);
        for (const row of table.rows) {
          expect([null, 'red', 'green', 'blue']).toContain(row[col('colour')]);
          const age = row[col('age')];
          if (age !== null) expect(Number.isInteger(age)).toBe(true);
        }
      } finally {
        run.model.dispose();
      }
    } finally {
      dir.remove();
    }
  }, 120_000);
});
