/** TableEncoder: spans, exact round trips for every type and missing values, sampling, saving. */
import { afterAll, describe, expect, it } from 'vitest';

import { TableEncoder } from '../../../main/engine/table/encoding/encoder';
import { readTableSource } from '../../../main/engine/table/reading/read-table';
import { seededRandom } from '../../../main/engine/core/random';
import { everyTypeCsv, tabularTempDir } from './helpers';

const dir = tabularTempDir();
afterAll(() => dir.remove());

describe('TableEncoder', () => {
  it('lays out spans per feature column with missing flags, and round-trips the training table exactly', async () => {
    const { schema, table } = await readTableSource(dir.write('every.csv', everyTypeCsv()));
    const enc = new TableEncoder(schema, table);
    expect(enc.spans.map((s) => `${s.column}:${s.kind}:${s.width}`)).toEqual([
      'age:numeric:1',
      'age:missing:1',
      'height:numeric:1',
      'height:missing:1',
      'colour:categorical:3',
      'colour:missing:1',
      'member:categorical:2',
      'member:missing:1',
      'joined:numeric:1',
      'joined:missing:1',
      'seen_at:numeric:1', // day
      'seen_at:numeric:1', // time of day
      'flag01:categorical:2',
    ]);
    expect(enc.width).toBe(17);
    let next = 0;
    for (const s of enc.spans) {
      expect(s.start).toBe(next);
      next += s.width;
    }
    const encoded = enc.encode(table);
    expect(encoded).toHaveLength(80 * 17);
    // Decoding gives every schema column back, exactly (excluded ones by their fill rules).
    expect(enc.decode(encoded, 80)).toEqual(table);
    // Integer identifiers are fresh ids (min + row), continuing across chunks with rowOffset.
    const second = enc.decode(encoded.subarray(40 * 17), 40, { rowOffset: 40 });
    expect(second.rows.map((r) => r[0])).toEqual(table.rows.slice(40).map((r) => r[0]));
    expect(second.rows).toEqual(table.rows.slice(40));
  });

  it('round-trips integers, floats, datetimes with offsets and seconds over years, and bounds', () => {
    const random = seededRandom(3);
    const base = Date.UTC(2010, 0, 1);
    const rows = Array.from({ length: 500 }, (_, i) => [
      Math.round(random() * 2_000_000) - 1_000_000,
      Math.round((random() * 1000 - 300) * 100) / 100,
      Math.round((base + random() * 12 * 365 * 86_400_000) / 1000) * 1000,
      i % 5 === 0 ? null : Math.round(random() * 1e6) / 1000,
    ]);
    const ints = rows.map((r) => r[0]!);
    const floats = rows.map((r) => r[1]!);
    const times = rows.map((r) => r[2]!);
    const schema = {
      columns: [
        { name: 'i', type: 'integer', role: 'feature', missing: 0, distinct: 500, min: Math.min(...ints), max: Math.max(...ints) },
        { name: 'f', type: 'float', role: 'feature', missing: 0, distinct: 500, min: Math.min(...floats), max: Math.max(...floats), decimals: 2 },
        { name: 't', type: 'datetime', role: 'feature', missing: 0, distinct: 500, min: Math.min(...times), max: Math.max(...times), datetimeFormat: 'YYYY-MM-DDTHH:mm:ss+05:30' },
        { name: 'g', type: 'float', role: 'feature', missing: 100, distinct: 400, min: 0, max: 1000, decimals: 3 },
      ],
      rowCount: 500,
      skippedRows: 0,
      issues: [],
      format: ',',
      fingerprint: '',
    } as const;
    const table = { columns: ['i', 'f', 't', 'g'], rows };
    for (const numeric of ['standard', 'mode-specific', 'quantile'] as const) {
      const enc = new TableEncoder(schema, table, { numeric });
      expect(enc.decode(enc.encode(table), 500)).toEqual(table);
    }
    // 'quantile' encodes a datetime's days by their quantiles too (the round trip above covers it).
    const codecs = new TableEncoder(schema, table, { numeric: 'quantile' }).toJSON().codecs;
    expect(codecs.find((c) => c.column === 't')).toHaveProperty('daysQuantile.kind', 'quantile');
    expect(new TableEncoder(schema, table, { numeric: 'standard' }).toJSON().codecs.find((c) => c.column === 't')).not.toHaveProperty('daysQuantile');
    // Out-of-range and fractional outputs: rounded and clamped to the seen bounds.
    const enc = new TableEncoder(schema, table);
    const wild = new Float32Array(enc.width).fill(40);
    const [row] = enc.decode(wild, 1).rows;
    expect(row![0]).toBe(Math.max(...ints));
    expect(row![1]).toBe(Math.max(...floats));
    expect(row![2]).toBe(Math.max(...times));
    expect(row![3]).toBeNull(); // flag 40 > 0.5: missing
    wild.fill(-40);
    const [low] = enc.decode(wild, 1).rows;
    expect(low).toEqual([Math.min(...ints), Math.min(...floats), Math.min(...times), 0]);
    const odd = new Float32Array(enc.width).fill(0.1234567);
    const [mid] = enc.decode(odd, 1).rows;
    expect(Number.isInteger(mid![0])).toBe(true);
    expect(String(mid![1])).toMatch(/^-?\d+(\.\d{1,2})?$/);
    expect((mid![2] as number) % 1000).toBe(0);
  });

  it('mode-specific spans: a numeric scalar and a mode one-hot; auto picks it for clearly multimodal columns only', () => {
    const random = seededRandom(5);
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const rows = Array.from({ length: 2000 }, (_, i) => [
      Math.round((i % 2 === 0 ? 10 + normal() : 50 + 2 * normal()) * 10) / 10,
      Math.round((100 + 15 * normal()) * 10) / 10,
    ]);
    const stats = (j: number) => ({ min: Math.min(...rows.map((r) => r[j]!)), max: Math.max(...rows.map((r) => r[j]!)) });
    const schema = {
      columns: [
        { name: 'bimodal', type: 'float', role: 'feature', missing: 0, distinct: 900, decimals: 1, ...stats(0) },
        { name: 'normal', type: 'float', role: 'feature', missing: 0, distinct: 900, decimals: 1, ...stats(1) },
      ],
      rowCount: 2000,
      skippedRows: 0,
      issues: [],
      format: ',',
      fingerprint: '',
    } as const;
    const table = { columns: ['bimodal', 'normal'], rows };
    const enc = new TableEncoder(schema, table, { numeric: 'auto' });
    const kinds = enc.spans.map((s) => `${s.column}:${s.kind}`);
    expect(kinds).toEqual(['bimodal:numeric', 'bimodal:categorical', 'normal:numeric']);
    const modes = enc.spans[1]!.width;
    expect(modes).toBeGreaterThanOrEqual(2);
    const encoded = enc.encode(table);
    // Every row's mode one-hot sums to 1; the two clusters land in different modes.
    const modeOf = (r: number): number => [...encoded.subarray(r * enc.width + 1, r * enc.width + 1 + modes)].indexOf(1);
    expect(modeOf(0)).not.toBe(modeOf(1));
    expect(enc.decode(encoded, 2000)).toEqual(table);
    // Per column choice overrides the default.
    const forced = new TableEncoder(schema, table, { perColumn: { normal: 'mode-specific' } });
    expect(forced.spans.map((s) => `${s.column}:${s.kind}`)).toEqual(['bimodal:numeric', 'normal:numeric', 'normal:categorical']);
    expect(forced.decode(forced.encode(table), 2000)).toEqual(table);
  });

  it('sampling brings missing values back at the real rate and categories at their probabilities', async () => {
    const { schema, table } = await readTableSource(dir.write('every2.csv', everyTypeCsv()));
    const enc = new TableEncoder(schema, table);
    const n = 20_000;
    const x = new Float32Array(n * enc.width);
    const colour = enc.spans.find((s) => s.column === 'colour' && s.kind === 'categorical')!;
    const colourMissing = enc.spans.find((s) => s.column === 'colour' && s.kind === 'missing')!;
    const rate = schema.columns.find((c) => c.name === 'colour')!.missing / schema.rowCount;
    for (let r = 0; r < n; r++) {
      x.set([0.6, 0.3, 0.1], r * enc.width + colour.start);
      x[r * enc.width + colourMissing.start] = rate;
    }
    const out = enc.decode(x, n, { sample: true, random: seededRandom(11) });
    const j = out.columns.indexOf('colour');
    const values = out.rows.map((row) => row[j]);
    const share = (v: unknown): number => values.filter((c) => c === v).length / n;
    expect(share(null)).toBeCloseTo(rate, 2);
    const cats = schema.columns.find((c) => c.name === 'colour')!.categories!;
    expect(share(cats[0]) / (1 - rate)).toBeCloseTo(0.6, 1);
    expect(share(cats[2]) / (1 - rate)).toBeCloseTo(0.1, 1);
    // argmax decoding of the same input: never missing (rate < 0.5), always the top category.
    expect(new Set(enc.decode(x, 10).rows.map((row) => row[j]))).toEqual(new Set([cats[0]]));
    // Logits: softmax / sigmoid applied first.
    const logits = new Float32Array(enc.width);
    logits.set([0, 0, 8], colour.start);
    logits[colourMissing.start] = -8;
    expect(enc.decode(logits, 1, { logits: true, sample: true, random: seededRandom(1) }).rows[0]![j]).toBe(cats[2]);
  });

  it('toJSON / fromJSON gives the same encoder', async () => {
    const { schema, table } = await readTableSource(dir.write('every3.csv', everyTypeCsv()));
    const enc = new TableEncoder(schema, table, { numeric: 'mode-specific' });
    const copy = TableEncoder.fromJSON(JSON.parse(JSON.stringify(enc.toJSON())));
    expect(copy.width).toBe(enc.width);
    expect(copy.spans).toEqual(enc.spans);
    const encoded = enc.encode(table);
    expect(copy.encode(table)).toEqual(encoded);
    expect(copy.decode(encoded, table.rows.length)).toEqual(table);
    expect(() => TableEncoder.fromJSON({ version: 2 } as never)).toThrow(/unsupported table encoder version 2/);
  });
});
