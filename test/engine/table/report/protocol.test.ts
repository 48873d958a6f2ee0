/**
 * The evaluation protocol (issue 13, item 3): headline quality against the hold-out with the
 * training-row scores beside it, incomputable columns / pairs left out as SDMetrics does, ML
 * efficacy on equal training sizes, and one report sample size for the app, the CLI and the bench.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { splitTable } from '../../../../main/engine/table/model/run-files';
import { readTableSource } from '../../../../main/engine/table/reading/read-table';
import { featureTable } from '../../../../main/engine/table/report/common';
import { mlEfficacy } from '../../../../main/engine/table/report/ml-efficacy';
import { buildQualityReport } from '../../../../main/engine/table/report/report';
import { TABLE_REPORT_SAMPLES } from '../../../../shared/table-report';
import { repoRoot } from '../../../helpers/paths';
import { mixedTable, schemaOf, tableOf } from './helpers';

describe('quality against the hold-out and the training rows', () => {
  it('scores a copy of the hold-out 1 in the headline and a disjoint training set 0 beside it', () => {
    const schema = schemaOf([
      ['v', 'float'],
      ['c', 'categorical'],
    ]);
    const train = tableOf(['v', 'c'], Array.from({ length: 10 }, (_, i) => [i + 1, 'a']));
    const holdout = tableOf(['v', 'c'], Array.from({ length: 10 }, (_, i) => [i + 11, 'b']));
    const report = buildQualityReport({ schema, real: train, synthetic: holdout, holdout });
    // Hold-out: identical. Training: KS 1 (disjoint ranges), TVD 1 ('a' vs 'b'), disjoint joint table.
    expect(report.headline).toMatchObject({ overall: 1, column_shapes: 1, column_pair_trends: 1, overall_vs_training: 0, column_shapes_vs_training: 0, column_pair_trends_vs_training: 0 });
    expect(report.vs_holdout.reference_rows).toBe(10);
    expect(report.notes[0]).toMatch(/HOLD-OUT/);
  });

  it('does not give a model that copies its training rows a perfect headline (vega-datasets penguins)', async () => {
    const { schema, table } = await readTableSource(join(repoRoot, 'node_modules', 'vega-datasets', 'data', 'penguins.json'));
    const { train, holdout } = splitTable(table, 0.2, 1);
    const report = buildQualityReport({ schema, real: train, synthetic: train, holdout, seed: 1 });
    const h = report.headline;
    expect(h.overall_vs_training).toBe(1);
    expect(h.column_shapes_vs_training).toBe(1);
    expect(h.column_pair_trends_vs_training).toBe(1);
    expect(h.overall!).toBeLessThan(0.95);
    expect(h.column_shapes!).toBeLessThan(0.97);
    expect(h.column_pair_trends!).toBeLessThan(0.95);
    // Every training row is copied (rows with no numbers present are counted apart).
    if (report.privacy.status !== 'ok') throw new Error(report.privacy.reason);
    expect(report.privacy.exact_copies + report.privacy.exact_copies_without_numbers).toBe(train.rows.length);
    console.log(`penguins, copy of the training rows: ${JSON.stringify(h)}`);
  });
});

describe('incomputable columns and pairs (SDMetrics: a NaN score, skipped by the mean)', () => {
  const schema = schemaOf([
    ['v', 'float'],
    ['w', 'float'],
    ['c', 'categorical'],
  ]);
  const real = tableOf(['v', 'w', 'c'], Array.from({ length: 10 }, (_, i) => [i + 1, i + 1, i % 2 ? 'a' : 'b']));
  // v shifted by 3 (KS 0.3), w never present, c identical.
  const synthetic = tableOf(['v', 'w', 'c'], Array.from({ length: 10 }, (_, i) => [i + 4, null, i % 2 ? 'a' : 'b']));

  it('leaves a column with no present values out of the shape mean and lists it with the reason', () => {
    const report = buildQualityReport({ schema, real, synthetic, holdout: real });
    const shapes = report.vs_holdout.column_shapes;
    expect(shapes.details.map((d) => d.column)).toEqual(['v', 'c']);
    expect(shapes.score).toBeCloseTo((0.7 + 1) / 2, 12);
    expect(shapes.incomputable).toEqual([{ column: 'w', metric: 'KSComplement', reason: 'no present values in the synthetic table', missing_rate_real: 0, missing_rate_synthetic: 1, missing_rate_difference: 1 }]);
    // The missing-rate comparison still counts the left-out column.
    expect(shapes.mean_missing_rate_difference).toBeCloseTo(1 / 3, 12);
    expect(report.headline.column_shapes).toBeCloseTo(0.85, 12);
  });

  it('leaves a numeric pair without a defined correlation out of the pair mean', () => {
    const report = buildQualityReport({ schema, real, synthetic, holdout: real });
    const pairs = report.vs_holdout.column_pair_trends;
    expect(pairs.incomputable).toEqual([{ column_1: 'v', column_2: 'w', metric: 'CorrelationSimilarity', reason: 'fewer than 2 rows of the synthetic data have both values' }]);
    expect(pairs.details.map((d) => `${d.column_1}|${d.column_2}`)).toEqual(['v|c', 'w|c']);
    expect(pairs.evaluated_pairs).toBe(3);
    expect(pairs.score).toBeCloseTo((pairs.details[0]!.score + pairs.details[1]!.score) / 2, 12);
    expect(report.notes.some((n) => n.includes('1 column(s), 1 pair(s)'))).toBe(true);
  });

  it('gives null scores, not NaN, when nothing is computable', () => {
    const s = schemaOf([['v', 'float']]);
    const empty = tableOf(['v'], [[null], [null]]);
    const report = buildQualityReport({ schema: s, real: empty, synthetic: empty, holdout: empty });
    expect(report.headline.overall).toBeNull();
    expect(report.vs_holdout.column_shapes.incomputable[0]!.reason).toBe('no present values in both tables');
    expect(JSON.stringify(report)).not.toMatch(/NaN/);
  });
});

describe('ML efficacy trains both models on the same number of rows', () => {
  const { schema, table } = mixedTable(3000, 5);
  const real = featureTable(schema, table, 'real');
  const holdout = featureTable(schema, mixedTable(600, 6).table, 'hold-out');

  it('caps the real rows at the synthetic sample size and states the size', () => {
    const draws = [featureTable(schema, mixedTable(500, 7).table, 's1'), featureTable(schema, mixedTable(400, 8).table, 's2')];
    const res = mlEfficacy(real, draws, holdout, { seed: 1 });
    if (res.status !== 'ok') throw new Error(res.reason);
    expect(res.rows).toMatchObject({ train_size: 400, real_train: 400, synthetic_train: 400, synthetic_draws: 2 });
    expect(res.sampled).toBe(true);
  });

  it('caps both at maxTrainRows, and a draw without target values does not shrink the size', () => {
    const noTarget = featureTable(schema, { columns: table.columns, rows: table.rows.slice(0, 50).map((r) => r.map((v, j) => (table.columns[j] === 'label' ? null : v))) }, 's2');
    const res = mlEfficacy(real, [featureTable(schema, mixedTable(900, 9).table, 's1'), noTarget], holdout, { seed: 1, maxTrainRows: 300 });
    if (res.status !== 'ok') throw new Error(res.reason);
    expect(res.rows).toMatchObject({ train_size: 300, real_train: 300, synthetic_train: 300 });
    expect(res.synthetic_by_draw[1]).toBe(0);
  });
});

describe('report sample size', () => {
  it('is one constant for the app, the CLI, exports and the bench', () => {
    expect(TABLE_REPORT_SAMPLES).toBe(2000);
    const read = (p: string): string => readFileSync(join(repoRoot, p), 'utf8');
    expect(read('main/services/inspect-service.ts')).toMatch(/tableReportSamples = TABLE_REPORT_SAMPLES/);
    expect(read('main/cli/tabular-commands.ts')).toMatch(/\?\? TABLE_REPORT_SAMPLES/);
    expect(read('main/engine/tasks/export-run.ts')).toMatch(/reportSamples = TABLE_REPORT_SAMPLES/);
    expect(read('bench/tabular.ts')).toMatch(/samples: TABLE_REPORT_SAMPLES/);
  });
});

describe('the HTML names the reference rows', () => {
  it('shows the hold-out headline with the training score beside it, and lists what was left out', async () => {
    const { renderReportHtml } = await import('../../../../main/engine/table/report/report-html');
    const schema = schemaOf([
      ['v', 'float'],
      ['w', 'float'],
      ['c', 'categorical'],
    ]);
    const real = tableOf(['v', 'w', 'c'], Array.from({ length: 20 }, (_, i) => [i, i % 7, i % 2 ? 'a' : 'b']));
    const synthetic = tableOf(['v', 'w', 'c'], Array.from({ length: 20 }, (_, i) => [i, null, i % 2 ? 'a' : 'b']));
    const report = buildQualityReport({ schema, real, synthetic, holdout: real });
    const html = renderReportHtml(report, { title: 't', real, synthetic, schema });
    expect(html).toContain('Overall quality vs hold-out');
    expect(html).toContain('vs training rows');
    expect(html).toContain('Left out (incomputable): w: no present values in the synthetic table');
    expect(html).toMatch(/Left out \(incomputable\): v × w: fewer than 2 rows of the synthetic data/);
    expect(html).toContain('training rows for each model');
  });
});
