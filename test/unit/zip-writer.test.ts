import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { afterEach, describe, expect, it } from 'vitest';
import { zipFolderToFile } from '../../main/files/zip-writer';
import { readZip } from '../helpers/read-zip';
import { tempDirs } from '../helpers/temp-dir';

describe('zip writer (yazl)', () => {
  const dirs = tempDirs();
  afterEach(() => dirs.removeAll());

  it('zips a folder to a file that reads back whole, with its size returned', async () => {
    const dir = dirs.make();
    mkdirSync(path.join(dir, 'src', 'deep'), { recursive: true });
    writeFileSync(path.join(dir, 'src', 'a.csv'), 'x,y\n'.repeat(10_000));
    writeFileSync(path.join(dir, 'src', 'deep', 'b.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    writeFileSync(path.join(dir, 'src', 'empty.txt'), '');
    const file = path.join(dir, 'out.zip');
    const size = await zipFolderToFile(path.join(dir, 'src'), file);
    const zip = readFileSync(file);
    expect(size).toBe(zip.length);
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(['a.csv', 'deep/b.png', 'empty.txt']);
    expect(files.get('a.csv')?.toString()).toBe('x,y\n'.repeat(10_000));
    expect(zip.length).toBeLessThan(10_000);
  });

  it('fails (no half-written zip reported as done) when the folder is missing', async () => {
    const dir = dirs.make();
    await expect(zipFolderToFile(path.join(dir, 'missing'), path.join(dir, 'out.zip'))).rejects.toThrow(/ENOENT/);
  });

  it('the test reader follows zip64 records, as yazl writes past 4 GB or 65,535 files', async () => {
    const zip = new ZipFile();
    zip.addReadStream(Readable.from([Buffer.from('sixty-four')]), 'big.txt', { forceZip64Format: true });
    zip.end({ forceZip64Format: true, comment: '' });
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
    expect(readZip(bytes).get('big.txt')?.toString()).toBe('sixty-four');
  });
});
