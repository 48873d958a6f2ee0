import { createWriteStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);

/** Formats that are compressed already: stored as they are, so zipping them costs no CPU. */
const storedExtensions = new Set(['.png', '.jpg', '.jpeg', '.webp', '.zip', '.parquet', '.gz', '.bin']);

const utf8Flag = 0x0800;
const limit32 = 0xffffffff;

/** MS-DOS time and date of a moment, as zip headers keep them (two-second resolution, local time). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

interface CentralEntry {
  readonly name: Buffer;
  readonly method: number;
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
  readonly offset: number;
  readonly time: number;
  readonly date: number;
}

/**
 * A small zip writer (PKZIP 2.0: deflate or store, UTF-8 names, no zip64), so exports and
 * downloads need no dependency. Output goes to `write` in order; await each call so a slow
 * reader (an HTTP response) applies back-pressure.
 */
export class ZipWriter {
  private readonly entries: CentralEntry[] = [];
  private offset = 0;

  constructor(private readonly write: (chunk: Buffer) => Promise<void>) {}

  /** Bytes written so far. */
  get bytes(): number {
    return this.offset;
  }

  async add(name: string, data: Uint8Array, modified = new Date()): Promise<void> {
    const nameBytes = Buffer.from(name.replace(/\\/g, '/'), 'utf8');
    const store = storedExtensions.has(path.extname(name).toLowerCase());
    const body = store ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : await deflate(data);
    const entry: CentralEntry = {
      name: nameBytes,
      method: store ? 0 : 8,
      crc: crc32(data),
      compressed: body.length,
      size: data.byteLength,
      offset: this.offset,
      ...dosDateTime(modified),
    };
    if (entry.size >= limit32 || this.offset + body.length + 30 + nameBytes.length >= limit32 || this.entries.length >= 0xffff) {
      throw new Error('This export is too large for a zip file (4 GB or 65,535 files); choose the folder format instead.');
    }
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(utf8Flag, 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt16LE(entry.time, 10);
    header.writeUInt16LE(entry.date, 12);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressed, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    await this.emit(Buffer.concat([header, nameBytes]));
    await this.emit(body);
    this.entries.push(entry);
  }

  /** Writes the central directory; returns the zip's size in bytes. */
  async finish(): Promise<number> {
    const start = this.offset;
    for (const e of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(utf8Flag, 8);
      header.writeUInt16LE(e.method, 10);
      header.writeUInt16LE(e.time, 12);
      header.writeUInt16LE(e.date, 14);
      header.writeUInt32LE(e.crc, 16);
      header.writeUInt32LE(e.compressed, 20);
      header.writeUInt32LE(e.size, 24);
      header.writeUInt16LE(e.name.length, 28);
      header.writeUInt32LE(e.offset, 42);
      await this.emit(Buffer.concat([header, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(end);
    return this.offset;
  }

  private async emit(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    await this.write(chunk);
  }
}

/** Every file under dir (recursively), as paths relative to it with '/' separators, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Zips a folder's files into `write`, names relative to the folder (under `prefix/` when given). */
export async function zipFolder(dir: string, write: (chunk: Buffer) => Promise<void>, prefix?: string): Promise<number> {
  const zip = new ZipWriter(write);
  for (const name of await filesUnder(dir)) {
    await zip.add(prefix ? `${prefix}/${name}` : name, await readFile(path.join(dir, ...name.split('/'))));
  }
  return zip.finish();
}

/** Zips a folder into a file (the caller picks a temporary name and renames it when done). */
export async function zipFolderToFile(dir: string, file: string): Promise<number> {
  const out = createWriteStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', reject);
  });
  await opened;
  try {
    const size = await zipFolder(dir, (chunk) => new Promise((resolve, reject) => out.write(chunk, (error) => (error ? reject(error) : resolve()))));
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return size;
  } catch (error) {
    out.destroy();
    throw error;
  }
}
