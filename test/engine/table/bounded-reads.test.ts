/**
 * Reads that must end early with a clear message instead of running for hours or filling memory:
 * a quote that is never closed, and a table too big to keep for training. Real files, written
 * here, read by the real reader.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { inferSchemaOnly, readTableSource } from '../../../main/engine/table/reading/read-table';
import { tabularTempDir } from './helpers';

const dir = tabularTempDir();
afterAll(() => dir.remove());

/** Writes `lines()` to a file through a stream (the 50 MB file never sits in memory whole). */
async function writeLines(name: string, lines: () => Generator<string>): Promise<string> {
  const file = join(dir.path, name);
  const out = createWriteStream(file);
  let batch: string[] = [];
  for (const line of lines()) {
    batch.push(line);
    if (batch.length === 10_000) {
      if (!out.write(batch.join(''))) await once(out, 'drain');
      batch = [];
    }
  }
  out.end(batch.join(''));
  await once(out, 'finish');
  return file;
}

/** Runs fn, sampling this process's RSS every 20 ms; the error it throws, the seconds and the peak RSS. */
async function measure(fn: () => Promise<unknown>): Promise<{ error: Error; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    await fn();
    throw new Error('expected the read to fail');
  } catch (error) {
    return { error: error as Error, seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20) };
  } finally {
    clearInterval(sampler);
  }
}

describe('an unterminated quote ends the read', () => {
  it('a 50 MB CSV with a quote opened on row 3 and never closed: a clear error in seconds', async () => {
    const file = await writeLines('unterminated-50mb.csv', function* () {
      yield 'id,amount,note\n';
      yield '1,10.5,fine\n';
      yield '2,11.5,"fine, quoted"\n';
      yield '3,12.5,"this quote is never closed\n';
      // ~50 MB of ordinary rows after it, which the open quote swallows.
      for (let i = 4; i < 2_400_000; i++) yield `${i},${(i % 997) / 10},row number ${i}\n`;
    });
    const baselineMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    const { error, seconds, peakRssMb } = await measure(() => readTableSource(file));
    expect(error.message).toBe(`${file}: unterminated quote starting near row 3: a field opened with " is never closed (the record runs on for more than 16 MB); close the quote, or remove it`);
    // Before the fix this re-parsed the growing record with every 1 MB chunk (minutes to hours).
    expect(seconds).toBeLessThan(10);
    console.log(`50 MB unterminated CSV: error after ${seconds.toFixed(2)} s, peak RSS ${peakRssMb} MB (test process, ${baselineMb} MB before the read)`);
  }, 60_000);

  it('a quote still open at the end of a small file names its row; the schema read stops too', async () => {
    const file = dir.write('open-at-end.csv', 'a,b\n1,2\n\n3,4\n5,"6\n7,8\n\n\n');
    await expect(readTableSource(file)).rejects.toThrow(`${file}: unterminated quote starting near row 4: a field opened with " is never closed (it runs to the end of the file); close the quote, or remove it`);
    await expect(inferSchemaOnly(file)).rejects.toThrow('unterminated quote starting near row 4');
  });

  it('a quote opened in the header is named as such', async () => {
    const file = dir.write('open-header.csv', 'a,"b\n1,2\n');
    await expect(readTableSource(file)).rejects.toThrow(`${file}: unterminated quote starting near the header`);
  });

  it('closed quotes spanning lines, and a long unquoted cell, still read', async () => {
    const file = dir.write('fine.csv', `a,b\n1,"two\nlines"\n2,${'x'.repeat(3 * 1024 * 1024)}\n3,z\n`);
    const { schema } = await readTableSource(file);
    expect(schema.rowCount).toBe(3);
  });
});

describe('a rows x columns budget for the kept table', () => {
  it('stops as soon as the kept rows pass the budget, with the size found and the limit', async () => {
    // 500 columns under a 2.5 million cell budget (a tenth of the default, so the test stays quick):
    // 5,000 kept rows fit, the file has more.
    const width = 500;
    const maxCells = 2_500_000;
    const header = Array.from({ length: width }, (_, j) => `c${j}`).join(',') + '\n';
    const row = Array.from({ length: width }, (_, j) => String(j % 10)).join(',') + '\n';
    const file = await writeLines('wide-and-long.csv', function* () {
      yield header;
      for (let i = 0; i < 8000; i++) yield row;
    });
    const { error, seconds, peakRssMb } = await measure(() => readTableSource(file, { maxRows: 1_000_000, maxCells }));
    expect(error.message).toBe(
      `${file}: too big to train on: at least 5,001 rows x 500 columns (2,500,500 cells) would be kept, with up to 1,000,000 rows asked for; ` +
        'at most 2,500,000 cells fit in memory. Set the row limit to 5,000 or fewer, or leave out columns',
    );
    console.log(`budget: 8000 rows x ${width} columns refused after ${seconds.toFixed(2)} s, peak RSS ${peakRssMb} MB`);
    // The same file with a row limit that fits reads, and the schema alone (no rows kept) always does.
    const { table } = await readTableSource(file, { maxRows: 2000, maxCells });
    expect(table.rows).toHaveLength(2000);
    expect((await inferSchemaOnly(file)).rowCount).toBe(8000);
  }, 120_000);

  it('applies a smaller budget where one is given', async () => {
    const file = dir.write('small.csv', 'a,b,c\n' + '1,2,3\n'.repeat(100));
    await expect(readTableSource(file, { maxCells: 30 })).rejects.toThrow('at least 11 rows x 3 columns (33 cells) would be kept, with up to 200,000 rows asked for; at most 30 cells fit in memory. Set the row limit to 10 or fewer');
    expect((await readTableSource(file, { maxCells: 30, maxRows: 10 })).table.rows).toHaveLength(10);
  });
});
