import { createWriteStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** Formats that are compressed already: stored as they are, so zipping them costs no CPU. */
const storedExtensions = new Set(['.png', '.jpg', '.jpeg', '.webp', '.zip', '.parquet', '.gz', '.bin']);

/** Every file under dir (recursively), as paths relative to it with '/' separators, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * A folder's files as a zip stream (yazl: zip64 past 4 GB or 65,535 files, one file read at a
 * time, so memory stays bounded whatever the export's size). Names are relative to the folder
 * (under `prefix/` when given). A file that cannot be read while zipping (deleted, changed
 * size) destroys the stream with that error: a consumer never sees a short zip end normally.
 */
export async function zipFolderStream(dir: string, prefix?: string): Promise<Readable> {
  const names = await filesUnder(dir);
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  zip.on('error', (error: Error) => output.destroy(error));
  for (const name of names) {
    const compress = !storedExtensions.has(path.extname(name).toLowerCase());
    zip.addFile(path.join(dir, ...name.split('/')), prefix ? `${prefix}/${name}` : name, { compress });
  }
  zip.end();
  return output;
}

/**
 * Zips a folder into a file (the caller picks a temporary name and renames it when done);
 * returns its size. The file is fsynced, so the rename never publishes a zip still in the page cache.
 */
export async function zipFolderToFile(dir: string, file: string): Promise<number> {
  await pipeline(await zipFolderStream(dir), createWriteStream(file));
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return (await stat(file)).size;
}
