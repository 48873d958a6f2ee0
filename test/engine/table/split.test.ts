import { describe, expect, it } from 'vitest';
import { MAX_VALIDATION_ROWS, splitTable } from '../../../main/engine/table/model/run-files';
import type { Table } from '../../../shared/tabular-schema';

const tableOf = (n: number): Table => ({ columns: ['id'], rows: Array.from({ length: n }, (_, i) => [i]) });
const ids = (t: Table) => t.rows.map((r) => r[0] as number);

describe('splitTable: hold-out, validation and training rows', () => {
  it('splits every row into exactly one part, the same way for the same seed', () => {
    const a = splitTable(tableOf(1000), 0.2, 7, 0.2);
    expect([a.holdout.rows.length, a.validation.rows.length, a.train.rows.length]).toEqual([200, 160, 640]);
    expect(new Set([...ids(a.holdout), ...ids(a.validation), ...ids(a.train)]).size).toBe(1000);
    expect(ids(splitTable(tableOf(1000), 0.2, 7, 0.2).validation)).toEqual(ids(a.validation));
    expect(ids(splitTable(tableOf(1000), 0.2, 8, 0.2).validation)).not.toEqual(ids(a.validation));
  });

  it('caps the validation rows of a big table, and repeats a recorded count exactly', () => {
    const big = splitTable(tableOf(60_000), 0.2, 1, 0.2);
    expect(big.validation.rows.length).toBe(MAX_VALIDATION_ROWS);
    expect(big.train.rows.length).toBe(60_000 - 12_000 - MAX_VALIDATION_ROWS);
    // A run trained under another rule recorded its count: reloading it gives the same parts.
    const old = splitTable(tableOf(60_000), 0.2, 1, 0.2, 9600);
    expect(old.validation.rows.length).toBe(9600);
    expect(ids(old.holdout)).toEqual(ids(big.holdout));
    expect(ids(old.validation).slice(0, MAX_VALIDATION_ROWS)).toEqual(ids(big.validation));
  });

  it('sets no rows aside for validation when the table is too small to spare them', () => {
    expect(splitTable(tableOf(24), 0.2, 1, 0.2).validation.rows.length).toBe(0);
  });
});
