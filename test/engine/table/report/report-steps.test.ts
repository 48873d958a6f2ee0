import { describe, expect, it } from 'vitest';

import { runYielding, type Steps } from '../../../../main/engine/core/steps';
import { featureTable } from '../../../../main/engine/table/report/common';
import { fitSoftmax, fitSoftmaxSteps } from '../../../../main/engine/table/report/ml-models';
import { privacy, privacySteps } from '../../../../main/engine/table/report/privacy';
import { buildQualityReport, qualityReportSteps } from '../../../../main/engine/table/report/report';
import { mixedTable, noiseLike } from './helpers';

/**
 * The table report runs as steps (main/engine/core/steps.ts) so the compute process can beat
 * between units of work. Pinned here: the numbers are those of the code before it was split into
 * steps, the paused run gives exactly the synchronous report, and the pause points come at least
 * as often as the units of work they stand for.
 */

async function counted<T>(steps: Steps<T>): Promise<{ result: T; pauses: number }> {
  let pauses = 0;
  const result = await runYielding(steps, async () => {
    pauses++;
  });
  return { result, pauses };
}

describe('report steps: unchanged numbers, the same result when paused, pause points per unit of work', () => {
  const { schema, table: real } = mixedTable(700, 61);
  const holdout = mixedTable(300, 62).table;
  const input = { schema, real, synthetic: noiseLike(500, 63), moreSynthetic: [mixedTable(500, 64).table], holdout, seed: 5 };

  it('the whole quality report', async () => {
    const report = buildQualityReport(input);
    const ml = report.ml_efficacy;
    const dcr = report.privacy;
    expect({
      headline: report.headline,
      ml: ml.status === 'ok' ? [ml.real, ml.synthetic_by_draw, ml.baseline] : null,
      dcr: dcr.status === 'ok' ? [dcr.share_by_draw, dcr.median_dcr_training, dcr.median_dcr_holdout] : null,
      pairs: report.vs_holdout.column_pair_trends.details.map((p) => p.score),
    }).toMatchInlineSnapshot(`
      {
        "dcr": [
          [
            0.518,
            0.493,
          ],
          0.08599614346092624,
          0.08852986379087595,
        ],
        "headline": {
          "column_pair_trends": 0.7113393393368875,
          "column_pair_trends_vs_training": 0.7291953662625859,
          "column_shapes": 0.9238803445876617,
          "column_shapes_vs_training": 0.947511713072636,
          "dcr_share_closer_to_training": 0.5055000000000001,
          "exact_copies": 0,
          "ml_efficacy_ratio": 0.5938670711616385,
          "overall": 0.8176098419622746,
          "overall_vs_training": 0.838353539667611,
        },
        "ml": [
          0.9350045070508609,
          [
            0.14432004975787463,
            0.9662167264925782,
          ],
          0.18933969769291967,
        ],
        "pairs": [
          0.5934370232181313,
          0.9752097901340844,
          0.33133333333333304,
          0.806,
          0.5113333333333332,
          0.9707766100344323,
          0.6146666666666666,
          0.8013333333333333,
          0.5013333333333332,
          0.8086666666666666,
          0.8073333333333333,
          0.8240000000000001,
          0.798,
          0.4986666666666666,
          0.8280000000000001,
        ],
      }
    `);
    const paused = await counted(qualityReportSteps(input));
    expect(paused.result).toEqual(report);
    // At least one pause per softmax step of the three fits (50 or more each).
    expect(paused.pauses).toBeGreaterThan(3 * 50);
  });

  it('the softmax fit pauses after every gradient step', async () => {
    const x = Float64Array.from({ length: 200 * 3 }, (_, i) => Math.sin(i * 0.7));
    const y = Int32Array.from({ length: 200 }, (_, i) => i % 3);
    const model = fitSoftmax(x, 200, 3, y, 3, { steps: 40 });
    expect([...model.weights, ...model.intercepts]).toMatchInlineSnapshot(`
      [
        1.0733578477730812,
        1.6550334957174864,
        -1.4608595566535625,
        1.2775088496120965,
        -0.8214673082234466,
        -1.3776198528775214,
        1.3692779210370538,
        -1.4669736125114625,
        0.5320546743781416,
        -0.36953021916383083,
        0.312862813674923,
        -0.0034908432181237495,
      ]
    `);
    const paused = await counted(fitSoftmaxSteps(x, 200, 3, y, 3, { steps: 40 }));
    expect(paused.result).toEqual(model);
    expect(paused.pauses).toBe(40);
  });

  it('DCR pauses within every nearest-row search', async () => {
    const f = (t: typeof real, label: string) => featureTable(schema, t, label);
    const args = [f(real, 'real'), [f(noiseLike(400, 65), 'synthetic'), f(mixedTable(400, 66).table, 'draw 2')], f(holdout, 'holdout')] as const;
    const res = privacy(...args, { seed: 2 });
    const paused = await counted(privacySteps(...args, { seed: 2 }));
    expect(paused.result).toEqual(res);
    if (res.status !== 'ok') throw new Error('DCR skipped');
    // Each of the two draws: 400 rows against the hold-out and each of the training parts, a pause every 16 rows.
    expect(paused.pauses).toBeGreaterThanOrEqual(2 * (res.repeats + 1) * Math.floor(400 / 16));
  });
});
