import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../helpers/paths';
import { tempDir } from '../helpers/temp-dir';

/** The real CLI (out/cli.cjs; `node scripts/build.mjs` first) on a CSV the reader has notes about. */
describe('CLI: tabular train prints the reader warnings on stderr before training', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('names the skipped ragged row and the text read as missing in a numeric column', () => {
    const csv = path.join(dir.path, 'notes.csv');
    const lines = ['size,weight,kind'];
    for (let row = 1; row <= 60; row++) {
      const size = row % 10; // repeats, so no column reads as an identifier (which would be a third note)
      if (row === 7) lines.push(`${size},14`); // ragged: two fields of three
      else if (row === 12) lines.push(`${size},heavy,${row % 2 ? 'a' : 'b'}`); // text in the numeric 'weight'
      else lines.push(`${size},${row * 2 + (row % 5)},${row % 2 ? 'a' : 'b'}`);
    }
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const run = spawnSync(
      process.execPath,
      [cliEntry, 'train', '--data', csv, '--stage1-steps', '4', '--stage2-steps', '0', '--batch', '16', '--out', path.join(dir.path, 'run'), '--json', '--data-dir', path.join(dir.path, 'data')],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const stderr = run.stderr.split('\n');
    const ragged = stderr.indexOf('warning: row 7 has 2 fields, expected 3 as in the header; the row is skipped');
    const missing = stderr.indexOf("warning: column 'weight' row 12: expected a number, got 'heavy'; the cell is read as missing");
    expect(stderr).toContain(`${csv}: 2 warnings while reading, 1 row skipped:`);
    expect(ragged).toBeGreaterThanOrEqual(0);
    expect(missing).toBeGreaterThanOrEqual(0);
    // Before the first line of training progress.
    const firstTraining = stderr.findIndex((line) => line.startsWith('stage1 '));
    expect(firstTraining).toBeGreaterThan(Math.max(ragged, missing));
    // stdout stays the one JSON summary.
    expect(JSON.parse(run.stdout)).toMatchObject({ step: 4 });
  }, 150_000);
});
