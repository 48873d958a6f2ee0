/**
 * The malformed-input corpus: files and payloads a user (or a hostile page) can send, each made
 * here, each taken through the public path (API dispatch on real services, a real SQLite file,
 * the real compute process; the CLI for a few). Every case asserts the message names what and
 * where, and that the database and the existing project are exactly as before.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../shared/api';
import type { Project, RunSummary } from '../../shared/models';
import type { TableSchema } from '../../shared/tabular-schema';
import { noisyImage, pngWithDimensions, writeSymlinkLoop, writeUnusualImages } from '../helpers/malformed-files';
import { cliEntry } from '../helpers/paths';
import { callerOf, testServices } from '../helpers/services';
import { tempDir } from '../helpers/temp-dir';

const files = tempDir('factor-studio-corpus-');
let caseNumber = 0;
/** A fresh folder per case, so no case sees another's files. */
const caseDir = (): string => {
  const dir = path.join(files.path, `case-${++caseNumber}`);
  mkdirSync(dir);
  return dir;
};
const write = (name: string, data: string | Buffer): string => {
  const file = path.join(caseDir(), name);
  writeFileSync(file, data);
  return file;
};
const csvRows = (header: string, rows: number, row: (i: number) => string): string =>
  [header, ...Array.from({ length: rows }, (_, i) => row(i + 1))].join('\n') + '\n';

const tinyImage = { imageSize: 32, batch: 4, latents: 2, zDim: 2, stage2Width: 4, stage1Steps: 2, stage2Steps: 0, checkpointEvery: 1, previewEvery: 100 };
const tinyTable = { stage1Steps: 2, stage2Steps: 0, batch: 8, hidden: 8, latents: 2, zDim: 2 };

let t: ReturnType<typeof testServices>;
let call: ReturnType<typeof callerOf>;
let keep: Project;
let target: Project;

/** Everything a bad input must leave alone: the project list, every run, the kept project's files. */
async function snapshot() {
  const projects = await call<Project[]>('projects.list', {});
  const runs = await Promise.all(projects.map((p) => call<RunSummary[]>('runs.list', { projectId: p.id })));
  const keptFiles = readdirSync(path.join(t.dataDir, 'projects', keep.id), { recursive: true }).map(String).sort();
  return { projects, runs, keptFiles };
}

/** The part a failed run may not touch: other projects, their runs and files, and the names. */
async function othersSnapshot() {
  const { projects, runs, keptFiles } = await snapshot();
  const kept = projects.findIndex((p) => p.id === keep.id);
  return { names: projects.map((p) => p.name).sort(), keep: projects[kept], keepRuns: runs[kept], keptFiles };
}

const integrity = () => t.services.store.db.pragma('integrity_check', { simple: true });

/** Runs `act`, then checks nothing changed and the database is whole; returns the failed result. */
async function refused(act: () => Promise<ApiResult<unknown>>) {
  const before = await snapshot();
  const result = await act();
  expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(false);
  expect(await snapshot()).toEqual(before);
  expect(integrity()).toBe('ok');
  if (result.ok) throw new Error('accepted');
  // A message is for reading: never an echo of a 10 MB payload.
  expect(result.error.message.length).toBeLessThan(2000);
  return result.error;
}

/** Starts a run that must fail in the compute process; returns its error after checking the rest is intact. */
async function failedRun(method: 'runs.startImage' | 'runs.startTabular', config: Record<string, unknown>): Promise<string> {
  const before = await othersSnapshot();
  const runsBefore = await call<RunSummary[]>('runs.list', { projectId: target.id });
  const run = await call<RunSummary>(method, { projectId: target.id, config });
  await expect.poll(async () => (await call<RunSummary>('runs.get', { id: run.id })).status, { timeout: 50_000, interval: 200 }).toMatch(/^(failed|completed|cancelled)$/);
  const after = await call<RunSummary>('runs.get', { id: run.id });
  expect(after.status).toBe('failed');
  expect(await othersSnapshot()).toEqual(before);
  expect((await call<RunSummary[]>('runs.list', { projectId: target.id })).map((r) => r.id).sort()).toEqual([...runsBefore.map((r) => r.id), run.id].sort());
  expect(integrity()).toBe('ok');
  expect(after.error).toBeTruthy();
  return after.error ?? '';
}

beforeAll(async () => {
  t = testServices();
  call = callerOf(t.dispatch);
  keep = await call<Project>('projects.create', { name: 'Keep me', kind: 'image' });
  const check = await call<RunSummary>('runs.startCheck', { projectId: keep.id, steps: 20 });
  await vi.waitFor(async () => expect((await call<RunSummary>('runs.get', { id: check.id })).status).toBe('completed'), { timeout: 30_000, interval: 200 });
  keep = await call<Project>('projects.get', { id: keep.id });
  target = await call<Project>('projects.create', { name: 'Target', kind: 'image' });
}, 60_000);

afterAll(async () => {
  await t.dispose();
  files.remove();
});

describe('tables refused by datasets.inspectTable, naming the file and the row or column', () => {
  const latin1 = Buffer.concat([Buffer.from('name,city\n'), Buffer.from([0x4a, 0x6f, 0xe9, 0x2c, 0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e, 0x0a])]);
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  const cases: [string, () => string, RegExp][] = [
    ['an empty file', () => write('empty.csv', ''), /the file is empty/],
    ['only a header', () => write('header.csv', 'a,b,c\n'), /the file has a header but no data rows/],
    ['only a BOM and blank lines', () => write('bom-only.csv', '\uFEFF\n\n\n'), /the file is empty/],
    ['every row ragged', () => write('ragged.csv', 'a,b,c\n1\n2,3\n'), /none of the 2 data rows could be read \(row 1 has 1 field, expected 3/],
    ['Latin-1 bytes', () => write('latin1.csv', latin1), /not a text CSV: the first \d+ bytes are not valid UTF-8/],
    ['UTF-16 with a BOM', () => write('utf16.csv', Buffer.from('\uFEFFa,b\n1,2\n', 'utf16le')), /it is UTF-16 encoded; save it as UTF-8/],
    ['UTF-16 without a BOM', () => write('utf16-nobom.csv', Buffer.from('a,b\n1,2\n', 'utf16le')), /not a text CSV: binary data \(a NUL byte at byte 1\)/],
    ['binary junk named .csv', () => write('junk.csv', junk), /not a text CSV: binary data \(a NUL byte at byte \d+\)/],
    ['an Excel workbook renamed .csv', () => write('book.csv', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00'), junk])), /not a text CSV/],
    ['a header naming a column twice', () => write('dup.csv', 'a,b,a\n1,2,3\n'), /the header names column 'a' twice \(positions 1 and 3\)/],
    ['a header with an empty name', () => write('blank-name.csv', 'a,,c\n1,2,3\n'), /empty column name at position 2 \(after 'a'\)/],
    ['JSON that is an object', () => write('object.json', '{"rows": [{"a": 1}]}'), /expected a JSON array of records/],
    ['JSON cut off', () => write('cut.json', '[{"a": 1}, {"a": '), /not valid JSON/],
    ['JSON with an empty array', () => write('none.json', '[]'), /the JSON array is empty/],
    ['JSON with no records in its array', () => write('numbers.json', '[1, 2, 3]'), /no record is an object with fields/],
  ];
  it.each(cases)('%s', async (_label, make, message) => {
    const file = make();
    const error = await refused(() => t.dispatch('datasets.inspectTable', { path: file }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'path' });
    expect(error.message).toContain(file);
    expect(error.message).toMatch(message);
  });
});

describe('table paths refused before any reading', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a file that does not exist', () => path.join(caseDir(), 'missing.csv'), /does not exist/],
    ['a folder where a file is expected', () => {
      const folder = path.join(caseDir(), 'folder.csv');
      mkdirSync(folder);
      return folder;
    }, /is a folder, not a file/],
    ['a relative path', () => 'data/table.csv', /must be an absolute path/],
    ['a spreadsheet', () => write('book.xlsx', 'PK'), /expected a \.csv or \.tsv or \.txt or \.json file/],
    ['a dangling symbolic link', () => {
      const link = path.join(caseDir(), 'gone.csv');
      symlinkSync(path.join(files.path, 'nowhere.csv'), link);
      return link;
    }, /does not exist/],
    ['a path with a NUL byte', () => `${files.path}/a\u0000b.csv`, /must not contain NUL/],
  ];
  it.each(cases)('%s', async (_label, make, message) => {
    const file = make();
    const error = await refused(() => t.dispatch('datasets.inspectTable', { path: file }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'path' });
    expect(error.message).toMatch(message);
  });
});

describe('tables read with warnings that name the row and the column', () => {
  const inspect = async (file: string) => {
    const before = await snapshot();
    const schema = await call<TableSchema>('datasets.inspectTable', { path: file });
    expect(await snapshot()).toEqual(before);
    return schema;
  };

  it('ragged rows are skipped, each named by row', async () => {
    const file = write('some-ragged.csv', csvRows('a,b,c', 30, (i) => (i === 7 ? '1,2' : i === 9 ? '1,2,3,4' : `${i},${i % 3},x${i % 2}`)));
    const schema = await inspect(file);
    expect(schema.skippedRows).toBe(2);
    expect(schema.issues).toContainEqual({ file, severity: 'warning', row: 7, message: 'row 7 has 2 fields, expected 3 as in the header; the row is skipped' });
    expect(schema.issues).toContainEqual(expect.objectContaining({ row: 9, message: expect.stringMatching(/row 9 has 4 fields/) }));
  });

  it('a numeric column with a text cell reads it as missing, naming row and column', async () => {
    const file = write('text-in-number.csv', csvRows('height,kind', 40, (i) => `${i === 13 ? 'tall' : 150 + i},${i % 2 ? 'a' : 'b'}`));
    const schema = await inspect(file);
    expect(schema.columns[0]).toMatchObject({ name: 'height', type: 'integer', missing: 1 });
    expect(schema.issues).toContainEqual({ file, severity: 'warning', row: 13, column: 'height', message: "column 'height' row 13: expected a number, got 'tall'; the cell is read as missing" });
  });

  it('a BOM is not part of the first column name', async () => {
    const schema = await inspect(write('bom.csv', `\uFEFF${csvRows('first,second', 20, (i) => `${i},${i * 2}`)}`));
    expect(schema.columns.map((c) => c.name)).toEqual(['first', 'second']);
  });

  it('a 5 MB cell is read as missing, named by row and column', async () => {
    const file = write('huge-cell.csv', csvRows('id,note', 20, (i) => `${i},${i === 3 ? 'x'.repeat(5 * 1024 * 1024) : i % 2 ? 'short' : 'long'}`));
    const schema = await inspect(file);
    expect(schema.rowCount).toBe(20);
    expect(schema.columns[1]).toMatchObject({ name: 'note', missing: 1, categories: expect.arrayContaining(['short', 'long']) });
    expect(schema.issues).toContainEqual({ file, severity: 'warning', row: 3, column: 'note', message: "column 'note' row 3: a cell of 5242880 characters (more than 10000); the cell is read as missing" });
    // Nothing the app shows carries the 5 MB value.
    expect(JSON.stringify(schema).length).toBeLessThan(10_000);
  });

  it('a 5 MB text cell in a numeric column is quoted short', async () => {
    const file = write('long-text-in-number.csv', csvRows('n,k', 40, (i) => `${i === 5 ? 'y'.repeat(9000) : i * 3},${i % 2}`));
    const schema = await inspect(file);
    const issue = schema.issues.find((i) => i.row === 5 && i.column === 'n');
    expect(issue?.message).toMatch(/^column 'n' row 5: expected a number, got 'y{57}\.\.\.'; the cell is read as missing$/);
  });

  it('50,000 columns are refused with the count and the limit', async () => {
    const header = Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(',');
    const file = write('wide.csv', csvRows(header, 3, (i) => Array.from({ length: 50_000 }, () => i).join(',')));
    const error = await refused(() => t.dispatch('datasets.inspectTable', { path: file }));
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/the header has 50000 columns; at most \d+ are supported/);
  });
});

describe('tabular runs that fail in the compute process say why', () => {
  it.each([
    ['a header and no rows', () => write('empty-run.csv', 'a,b\n'), /header but no data rows/],
    ['every column constant', () => write('constant.csv', csvRows('a,b', 30, () => 'same,1')), /no column is left to model/],
    ['three rows', () => write('three.csv', csvRows('a,b', 3, (i) => `${i},${i % 2 ? 'x' : 'y'}`)), /only \d usable row\(s\); at least 10 are needed/],
    ['an unterminated quote', () => write('open-quote.csv', csvRows('a,b', 30, (i) => (i === 2 ? `${i},"open` : `${i},${i % 3}`))), /unterminated quote starting near row 2/],
  ])('%s', async (_label, make, message) => {
    const file = make();
    const error = await failedRun('runs.startTabular', { ...tinyTable, data: file });
    expect(error).toContain(file);
    expect(error).toMatch(message);
  });
});

describe('image folders that fail in the compute process say which file and why', () => {
  it.each([
    ['an empty folder', async () => caseDir(), /No readable images in folder .*: no \.png, \.jpg, \.jpeg or \.webp files/],
    ['only hidden images', async () => path.dirname(write('.hidden.png', await noisyImage('png'))), /no \.png, \.jpg, \.jpeg or \.webp files/],
    ['a symbolic link loop and no images', async () => writeSymlinkLoop(caseDir()), /no \.png, \.jpg, \.jpeg or \.webp files/],
    ['a zero-byte PNG', async () => path.dirname(write('zero.png', '')), /zero\.png: empty file \(0 bytes\)/],
    ['a truncated PNG', async () => {
      const png = await noisyImage('png');
      return path.dirname(write('cut.png', png.subarray(0, png.length >> 1)));
    }, /cut\.png: (truncated or corrupt image|cannot decode)/],
    ['a truncated JPEG', async () => {
      const jpeg = await noisyImage('jpeg');
      return path.dirname(write('cut.jpg', jpeg.subarray(0, jpeg.length >> 1)));
    }, /cut\.jpg: (truncated or corrupt image|cannot decode)/],
    ['a JPEG header followed by garbage', async () => {
      const jpeg = await noisyImage('jpeg');
      return path.dirname(write('garbage.jpg', Buffer.concat([jpeg.subarray(0, 20), Buffer.alloc(2000, 0x5a)])));
    }, /garbage\.jpg: (truncated or corrupt image|cannot decode|not an image)/],
    ['text named .png', async () => path.dirname(write('notes.png', 'this is text, not an image')), /notes\.png: not an image/],
    ['a PNG header claiming 100000 x 100000 pixels', async () => path.dirname(write('bomb.png', pngWithDimensions(100_000, 100_000))), /bomb\.png: .*(pixel limit|too large)/i],
  ])('%s', async (_label, make, message) => {
    const folder = await make();
    const error = await failedRun('runs.startImage', { ...tinyImage, data: folder });
    expect(error).toContain(folder);
    expect(error).toMatch(message);
  });

  it('trains on images of unusual modes and sizes, and lists the bad files beside them', async () => {
    const folder = caseDir();
    const good = await writeUnusualImages(folder);
    writeFileSync(path.join(folder, 'zero.png'), '');
    writeFileSync(path.join(folder, 'bomb.png'), pngWithDimensions(100_000, 100_000));
    const run = await call<RunSummary>('runs.startImage', { projectId: target.id, config: { ...tinyImage, channels: 3, data: folder } });
    await expect.poll(async () => (await call<RunSummary>('runs.get', { id: run.id })).status, { timeout: 60_000 }).toBe('completed');
    const runDir = path.join(t.dataDir, 'projects', target.id, 'runs', run.id);
    const manifest = JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { dataset: { count: number; skipped: number } };
    expect(manifest.dataset).toMatchObject({ count: good.length, skipped: 2 });
    const skipped = JSON.parse(readFileSync(path.join(runDir, 'skipped-files.json'), 'utf8')) as { file: string; reason: string }[];
    expect(skipped.map((s) => s.file)).toEqual(['bomb.png', 'zero.png']);
    expect(skipped[1]?.reason).toBe('empty file (0 bytes)');
    expect(integrity()).toBe('ok');
  });
});

describe('image data paths refused before any job starts', () => {
  it.each([
    ['a folder that does not exist', () => path.join(files.path, 'no-such-folder'), /does not exist/],
    ['a file where a folder is expected', () => write('photo.png', 'x'), /is a file, not a folder/],
    ['a relative path', () => 'photos/cats', /must be an absolute path/],
    ['a 10 MB path', () => `/${'a'.repeat(10 * 1024 * 1024)}`, /at most 4096/],
  ])('%s', async (_label, make, message) => {
    const data = make();
    const error = await refused(() => t.dispatch('runs.startImage', { projectId: target.id, config: { ...tinyImage, data } }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'config.data' });
    expect(error.message).toMatch(message);
  });
});

describe('project names refused', () => {
  it.each([
    ['a path separator', 'photos/2024', /cannot contain \/ or \\/],
    ['a parent-folder escape', '../../etc', /cannot contain \/ or \\/],
    ['a Windows separator', '..\\evil', /cannot contain \/ or \\/],
    ['only dots', '..', /cannot be \. or \.\./],
    ['a bell character', 'ring\u0007ring', /control characters/],
    ['a NUL byte', 'nul\u0000name', /control characters/],
    ['a newline', 'two\nlines', /control characters/],
    ['10,000 characters', 'x'.repeat(10_000), /at most 80 characters/],
  ])('%s', async (_label, name, message) => {
    for (const method of ['projects.create', 'projects.rename']) {
      const input = method === 'projects.create' ? { name } : { id: keep.id, name };
      const error = await refused(() => t.dispatch(method, input));
      expect(error).toMatchObject({ code: 'invalid_input', field: 'name' });
      expect(error.message).toMatch(message);
    }
  });
});

describe('API payloads of the wrong type, with unknown fields, or too big', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  const cases: [string, string, () => unknown, string | undefined, RegExp][] = [
    ['a config that is a string', 'runs.startImage', () => ({ projectId: id, config: 'dsprites' }), 'config', /expected object/i],
    ['a number sent as text', 'runs.startImage', () => ({ projectId: id, config: { data: 'dsprites', batch: '64' } }), 'config.batch', /expected number/i],
    ['an unknown config field', 'runs.startImage', () => ({ projectId: id, config: { data: 'dsprites', shell: 'rm -rf /' } }), 'config', /Unrecognized key.*shell/],
    ['an unknown top-level field', 'datasets.inspectTable', () => ({ path: '/x.csv', cwd: '/' }), undefined, /Unrecognized key.*cwd/],
    ['a __proto__ key', 'projects.create', () => JSON.parse('{"name": "Proto", "__proto__": {"admin": true}}'), undefined, /Unrecognized key.*__proto__/],
    ['an id that is an array', 'runs.get', () => ({ id: [id] }), 'id', /UUID/],
    ['an id with a path escape', 'runs.get', () => ({ id: '../../etc/passwd' }), 'id', /UUID/],
    ['NaN steps', 'runs.startCheck', () => ({ projectId: id, steps: Number.NaN }), 'steps', /expected the number of steps/],
    ['Infinity as a factor value', 'runs.decode', () => ({ id, c: [Number.POSITIVE_INFINITY] }), 'c.0', /./],
    ['a 10 MB table path', 'datasets.inspectTable', () => ({ path: `/${'p'.repeat(10 * 1024 * 1024)}.csv` }), 'path', /a path can be at most 4096 characters/],
    ['a 10 MB target column name', 'runs.startTabular', () => ({ projectId: id, config: { data: '/t.csv', target: 't'.repeat(10 * 1024 * 1024) } }), 'config.target', /at most 1000/],
    ['10,001 column overrides', 'datasets.inspectTable', () => ({ path: '/x.csv', overrides: Array.from({ length: 10_001 }, (_, i) => ({ column: `c${i}` })) }), 'overrides', /10000/],
    ['65 factor values', 'runs.decode', () => ({ id, c: Array.from({ length: 65 }, () => 0) }), 'c', /64/],
    ['a payload that is an array', 'projects.list', () => [], undefined, /expected object/i],
    ['a method name that is not text', '42', () => ({}), undefined, /no API method/],
  ];
  it.each(cases)('%s', async (_label, method, input, field, message) => {
    const error = await refused(() => t.dispatch(method === '42' ? 42 : method, input()));
    expect(error.code).toBe(method === '42' ? 'not_found' : 'invalid_input');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});

describe('the CLI gives one clear line for malformed input', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [cliEntry, ...args, '--data-dir', path.join(files.path, 'cli-data')], { encoding: 'utf8', timeout: 120_000 });
  it.each([
    ['a CSV with only a header', () => ['train', '--data', write('cli-header.csv', 'a,b\n'), '--kind', 'tabular', '--out', path.join(caseDir(), 'run')], /cli-header\.csv: the file has a header but no data rows/],
    ['UTF-16 text', () => ['train', '--data', write('cli-utf16.csv', Buffer.from('\uFEFFa,b\n1,2\n', 'utf16le')), '--kind', 'tabular', '--out', path.join(caseDir(), 'run')], /cli-utf16\.csv: not a text CSV in UTF-8/],
    ['a folder of broken images', () => ['train', '--data', path.dirname(write('broken.png', 'nope')), '--stage1-steps', '1', '--stage2-steps', '0', '--out', path.join(caseDir(), 'run')], /broken\.png: not an image/],
    ['a project name with a separator', () => ['projects', 'create', 'a/b'], /cannot contain \//],
  ])('%s', (_label, args, message) => {
    const result = cli(...args());
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
