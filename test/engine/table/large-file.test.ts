/** A 1,000,000-row CSV (~30 MB) is read in one streaming pass with the heap staying bounded. */
import { openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { readTableSource } from '../../../main/engine/table/reading/read-table';
import { tabularTempDir } from './helpers';

const dir = tabularTempDir();
afterAll(() => dir.remove());

const ROWS = 1_000_000;

function writeBigCsv(file: string): void {
  const fd = openSync(file, 'w');
  writeSync(fd, 'a,b,c,group\n');
  const groups = ['alpha', 'beta', 'gamma', 'delta'];
  let x = 12345;
  for (let start = 0; start < ROWS; start += 50_000) {
    const lines: string[] = [];
    for (let i = start; i < start + 50_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0; // a cheap LCG: the content only needs to vary
      lines.push(`${(x % 100_000) / 100},${x % 1000},${((x >>> 8) % 5000) / 10},${groups[x % 4]}`);
    }
    writeSync(fd, lines.join('\n') + '\n');
  }
  closeSync(fd);
}

describe('a 1,000,000-row file', () => {
  it('is read with maxRows 10,000 in bounded memory', { timeout: 60_000 }, async () => {
    const file = join(dir.path, 'big.csv');
    writeBigCsv(file);
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const started = performance.now();
    const { schema, table } = await readTableSource(file, {
      maxRows: 10_000,
      seed: 3,
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    expect(schema.rowCount).toBe(ROWS);
    expect(schema.skippedRows).toBe(0);
    expect(table.rows).toHaveLength(10_000);
    expect(schema.columns.map((c) => c.type)).toEqual(['float', 'integer', 'float', 'categorical']);
    expect(schema.columns[3]!.categories).toHaveLength(4);
    expect(schema.columns[1]).toMatchObject({ min: 0, max: 999 });
    console.log(`1M rows read in ${seconds.toFixed(1)} s, heap growth ${((peak - before) / 2 ** 20).toFixed(0)} MB`);
    expect(peak - before).toBeLessThan(200 * 2 ** 20);
  });
});
