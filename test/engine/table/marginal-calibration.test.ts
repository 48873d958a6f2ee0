/**
 * Marginals of flow-like samples matched to the training rows: a numeric score read by its rank
 * in the draw decodes to the real quantiles (order kept), and category offsets bring argmax shares
 * that favour the big category back to the training shares.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { seededRandom } from '../../../main/engine/core/random';
import { TableEncoder } from '../../../main/engine/table/encoding/encoder';
import { marginalCalibration } from '../../../main/engine/table/model/marginal-calibration';
import { readTableSource } from '../../../main/engine/table/reading/read-table';
import { tabularTempDir } from './helpers';

const dir = tabularTempDir();
afterAll(() => dir.remove());

/** 2,000 rows: a right-skewed amount (30% zeros) and a colour with shares 0.6 / 0.3 / 0.1. */
function csv(): string {
  const random = seededRandom(1);
  const lines = ['amount,colour'];
  for (let i = 0; i < 2000; i++) {
    const amount = random() < 0.3 ? 0 : Math.round(-Math.log(1 - random()) * 1000) / 10;
    const colour = i % 10 < 6 ? 'red' : i % 10 < 9 ? 'green' : 'blue';
    lines.push(`${amount},${colour}`);
  }
  return lines.join('\n') + '\n';
}

/** Flow-like samples with marginals a little off: scores too narrow and shifted, the argmax too often the big category. */
function offSamples(encoder: TableEncoder, n: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const amount = encoder.spans.find((s) => s.column === 'amount' && s.kind === 'numeric')!.start;
  const colour = encoder.spans.find((s) => s.column === 'colour')!.start;
  const out = new Float32Array(n * encoder.width);
  for (let i = 0; i < n; i++) {
    out[i * encoder.width + amount] = 0.3 + 0.6 * gauss();
    const k = random() < 0.75 ? 0 : random() < 0.8 ? 1 : 2; // red 0.75, green 0.2, blue 0.05 (real 0.6 / 0.3 / 0.1)
    for (let j = 0; j < 3; j++) out[i * encoder.width + colour + j] = (j === k ? 1 : 0) + 0.3 * gauss();
  }
  return out;
}

const shares = (values: readonly unknown[], of: readonly unknown[]) => of.map((v) => values.filter((x) => x === v).length / values.length);

describe('marginal calibration of samples', () => {
  it('gives numeric columns their training quantiles and categories their training shares', async () => {
    const { schema, table } = await readTableSource(dir.write('t.csv', csv()));
    const encoder = new TableEncoder(schema, table, { numeric: 'quantile' });
    const n = 16_384;
    const draw = offSamples(encoder, n, 2);
    const calibration = marginalCalibration(draw, n, encoder);
    const sample = offSamples(encoder, 8000, 3);
    const plain = encoder.decode(sample, 8000);
    const calibrated = encoder.decode(sample, 8000, calibration);
    const column = (t: typeof plain, j: number) => t.rows.map((r) => r[j]);
    const real = { amount: column(table, 0) as number[], colour: column(table, 1) };
    const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
    const zeros = (xs: unknown[]) => xs.filter((v) => v === 0).length / xs.length;

    // Uncalibrated, the shifted narrow scores miss the spike and the median; calibrated they hit both.
    expect(Math.abs(zeros(column(plain, 0)) - zeros(real.amount))).toBeGreaterThan(0.1);
    expect(Math.abs(zeros(column(calibrated, 0)) - zeros(real.amount))).toBeLessThan(0.02);
    // The CDF's gap at the real deciles (a KS distance read at those points).
    const cuts = [0.1, 0.25, 0.5, 0.75, 0.9].map((q) => quantile(real.amount, q));
    const cdf = (xs: number[], c: number) => xs.filter((v) => v <= c).length / xs.length;
    const ks = (xs: number[]) => Math.max(...cuts.map((c) => Math.abs(cdf(xs, c) - cdf(real.amount, c))));
    expect(ks(column(plain, 0) as number[])).toBeGreaterThan(0.1);
    expect(ks(column(calibrated, 0) as number[])).toBeLessThan(0.03);
    // Order within the column is kept: a larger score never decodes to a smaller value.
    const at = encoder.spans.find((s) => s.column === 'amount' && s.kind === 'numeric')!.start;
    const order = Array.from({ length: 8000 }, (_, i) => i).sort((a, b) => sample[a * encoder.width + at]! - sample[b * encoder.width + at]!);
    const values = order.map((i) => calibrated.rows[i]![0] as number);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);

    const colours = ['red', 'green', 'blue'];
    const realShares = shares(real.colour, colours);
    expect(Math.abs(shares(column(plain, 1), colours)[0]! - realShares[0]!)).toBeGreaterThan(0.1);
    shares(column(calibrated, 1), colours).forEach((s, j) => expect(Math.abs(s - realShares[j]!)).toBeLessThan(0.02));
  });

  it('leaves an encoder saved without frequencies, and standardised numbers, as they were', async () => {
    const { schema, table } = await readTableSource(dir.write('u.csv', csv()));
    const json = new TableEncoder(schema, table, { numeric: 'standard' }).toJSON();
    const old = TableEncoder.fromJSON({ ...json, codecs: json.codecs.map((c) => (c.kind === 'categorical' ? { kind: c.kind, column: c.column, categories: c.categories, missingFlag: c.missingFlag } : c)) });
    const calibration = marginalCalibration(offSamples(old, 4096, 4), 4096, old);
    expect(calibration.numericRanks.size).toBe(0);
    expect(calibration.categoryOffsets.size).toBe(0);
  });
});
