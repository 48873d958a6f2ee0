/**
 * A user's folder of images as an ImageSource. Users bring folders with odd files in them, so
 * opening one checks every candidate file up front (a cheap 8x8 decode with sharp, which also
 * catches truncated files that a header-only probe would pass) and lists the bad ones with a
 * reason instead of failing; training then decodes on demand, a batch at a time, with no cache
 * of the whole folder (memory stays bounded by a batch).
 *
 * - Candidates: .png .jpg .jpeg .webp (any case), found recursively; names starting with '.' (files
 *   and folders) are skipped; symlinks are followed, but a folder already visited (by real path)
 *   is not entered again, so link loops end. Files are sorted by their relative path (code-unit
 *   order), so index i is the same file on every machine.
 * - Bounded (./image-limits.ts): only PNG, JPEG and WebP loaders exist; a file's first bytes
 *   must match its extension; at most MAX_INPUT_PIXELS per image (a decompression bomb is
 *   skipped from its header, before any decode); decodes in flight are bounded by total pixels.
 * - Pixels: EXIF orientation applied; alpha flattened onto BLACK (the same black as 'pad'
 *   padding); channels 1 = libvips greyscale ('b-w'), channels 3 = sRGB; resized to size x size by
 *   'crop' (cover, centred) or 'pad' (contain, centred, black bars); 16-bit inputs come out 8-bit;
 *   values / 255.
 * - A file that fails at read time (deleted or changed since the scan) does not fail the batch:
 *   its slot stays all zeros (a black image) and the file is recorded in `readFailures` (and
 *   reported to onReadError), so a long training run survives a flaky disk; callers can show
 *   readFailures to the user. Indices stay stable (count never changes after opening).
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';

import sharp from 'sharp';

import { MAX_INPUT_PIXELS, PixelGate, blockUnusedLoaders, checkMagic, checkPixels, formatOfName } from './image-limits';
import type { ImageBatch, ImageSource } from './types';

const DEFAULT_CONCURRENCY = 8;
/** sharp's options for every input: fail on truncation, and never more pixels than we allow. */
const INPUT = { failOn: 'truncated', limitInputPixels: MAX_INPUT_PIXELS } as const;

export interface ImageFolderOptions {
  readonly folder: string;
  readonly size: 32 | 64;
  readonly channels: 1 | 3;
  readonly fit: 'crop' | 'pad';
  /** Called after each file is checked while opening. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called when a file fails to decode during read() (its image is replaced by zeros). */
  readonly onReadError?: (file: string, reason: string) => void;
  /** Files decoded at once, while opening and per batch. Default 8. */
  readonly concurrency?: number;
}

export interface ImageFolderSource extends ImageSource {
  /** Usable files, relative to the folder, in index order. */
  readonly files: readonly string[];
  /** Files that failed during read() since opening (relative path -> reason); their images were zeros. */
  readonly readFailures: ReadonlyMap<string, string>;
}

/** Runs fn over items with at most `limit` in flight; results in item order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const isImageName = (name: string): boolean => formatOfName(name) !== undefined;

interface Scan {
  readonly files: string[];
  readonly skipped: { file: string; reason: string }[];
}

/** Lists candidate image files under root (absolute paths), recursively. */
async function scanFolder(root: string): Promise<Scan> {
  const files: string[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const visited = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (dir === root) throw error;
      skipped.push({ file: relative(root, dir), reason: `folder could not be listed: ${errorMessage(error)}` });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          if (isImageName(entry.name)) skipped.push({ file: relative(root, path), reason: 'broken symbolic link' });
          continue;
        }
      }
      if (isDir) await walk(path);
      else if (isFile && isImageName(entry.name)) files.push(path);
    }
  };
  await walk(root);
  return { files, skipped };
}

/**
 * A folder with one sub-folder per class (cats/a.png, dogs/b.png): each file's class, by its
 * first path segment, in sorted class order. null unless every file is in a sub-folder and there
 * are at least two of them: a label that is the same for every image says nothing.
 */
export function folderClasses(files: readonly string[]): { names: string[]; labels: Int32Array } | null {
  const first = files.map((rel) => (rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : null));
  if (first.some((c) => c === null)) return null;
  const names = [...new Set(first as string[])].sort();
  if (names.length < 2) return null;
  const index = new Map(names.map((name, i) => [name, i]));
  return { names, labels: Int32Array.from(first as string[], (c) => index.get(c)!) };
}

/** Why sharp could not use a file, in words for the user. */
function describeFailure(message: string): string {
  const m = message.toLowerCase();
  if (m.includes('unsupported image format')) return `not an image (content is not a known image format): ${message}`;
  if (m.includes('pixel limit')) return `too large: over the limit of ${MAX_INPUT_PIXELS / 1e6} megapixels: ${message}`;
  if (m.includes('premature end') || m.includes('truncat') || m.includes('read error') || m.includes('corrupt') || m.includes('unexpected end')) {
    return `truncated or corrupt image: ${message}`;
  }
  return `cannot decode: ${message}`;
}

/** The first few skipped files with their reasons, for a message the user can act on. */
function describeSkipped(skipped: readonly { file: string; reason: string }[], shown = 3): string {
  const listed = skipped.slice(0, shown).map((s) => `${s.file}: ${s.reason.split('\n')[0] ?? ''}`);
  if (skipped.length > shown) listed.push(`and ${skipped.length - shown} more`);
  return listed.join('; ');
}

/** Checks one file: its pixel count if usable, else the reason. Never throws. */
async function probe(file: string, gate: PixelGate): Promise<number | string> {
  try {
    const info = await stat(file);
    if (info.size === 0) return 'empty file (0 bytes)';
    const mismatch = await checkMagic(file, basename(file));
    if (mismatch) return mismatch;
    // The header alone: a bomb is refused here, before any pixel is decoded.
    // (metadata() decodes no pixels, so sharp's limit is lifted here for our clearer message.)
    const meta = await sharp(file, { ...INPUT, limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) return 'unsupported: image has no dimensions';
    const tooLarge = checkPixels(meta.width, meta.height);
    if (tooLarge) return tooLarge;
    // A tiny full decode (JPEG and WebP shrink on load, so it is cheap) catches truncated data.
    // A PNG has no shrink on load: this is a full decode, so it goes through the gate.
    const pixels = meta.width * meta.height;
    await gate.run(pixels, () => sharp(file, INPUT).resize(8, 8, { fit: 'fill' }).raw().toBuffer());
    return pixels;
  } catch (error) {
    return describeFailure(errorMessage(error));
  }
}

/** Decodes one file to size x size x channels uint8, or throws. */
async function decode(file: string, size: number, channels: 1 | 3, fit: 'crop' | 'pad'): Promise<Uint8Array> {
  const { data, info } = await sharp(file, { ...INPUT, autoOrient: true })
    .flatten({ background: { r: 0, g: 0, b: 0 } })
    .resize(size, size, {
      fit: fit === 'crop' ? 'cover' : 'contain',
      position: 'centre',
      background: { r: 0, g: 0, b: 0, alpha: 1 },
    })
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== size || info.height !== size) throw new Error(`decoded to ${info.width}x${info.height}, expected ${size}x${size}`);
  if (info.channels === channels) return data;
  // Defensive: sharp should already give the requested channels; convert if it did not.
  const out = new Uint8Array(size * size * channels);
  const inC = info.channels;
  for (let p = 0; p < size * size; p++) {
    const r = data[p * inC] ?? 0;
    const g = data[p * inC + (inC >= 3 ? 1 : 0)] ?? r;
    const b = data[p * inC + (inC >= 3 ? 2 : 0)] ?? r;
    if (channels === 1) out[p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    else out.set([r, g, b], p * 3);
  }
  return out;
}

export async function openImageFolder(options: ImageFolderOptions): Promise<ImageFolderSource> {
  const { size, channels, fit, onProgress, onReadError } = options;
  if (size !== 32 && size !== 64) throw new RangeError(`image size must be 32 or 64, got ${String(size)}`);
  if (channels !== 1 && channels !== 3) throw new RangeError(`channels must be 1 or 3, got ${String(channels)}`);
  if (fit !== 'crop' && fit !== 'pad') throw new RangeError(`fit must be 'crop' or 'pad', got ${String(fit)}`);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  blockUnusedLoaders();
  const gate = new PixelGate();
  const root = resolve(options.folder);

  let rootStat;
  try {
    rootStat = await stat(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `Image folder not found: ${root}` : `Image folder cannot be opened: ${root} (${errorMessage(error)})`);
  }
  if (!rootStat.isDirectory()) throw new Error(`Not a folder: ${root}`);

  const scan = await scanFolder(root);
  const toRelative = (file: string): string => relative(root, file).split(sep).join('/');
  const candidates = scan.files.map((file) => ({ file, rel: toRelative(file) }));
  candidates.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

  let done = 0;
  const verdicts = await mapLimit(candidates, concurrency, async ({ file }) => {
    const reason = await probe(file, gate);
    done++;
    onProgress?.(done, candidates.length);
    return reason;
  });
  const usable: { file: string; rel: string; pixels: number }[] = [];
  const skipped = scan.skipped.map((s) => ({ file: s.file.split(sep).join('/'), reason: s.reason }));
  candidates.forEach((c, i) => {
    const verdict = verdicts[i] ?? 'not checked';
    if (typeof verdict === 'number') usable.push({ ...c, pixels: verdict });
    else skipped.push({ file: c.rel, reason: verdict });
  });
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  if (usable.length === 0) {
    const detail = candidates.length === 0 ? 'no .png, .jpg, .jpeg or .webp files' : `none of its ${candidates.length} image files could be read (${describeSkipped(skipped)})`;
    throw new Error(`No readable images in folder ${root}: ${detail}`);
  }

  const pixels = size * size * channels;
  const readFailures = new Map<string, string>();
  const count = usable.length;
  const classes = folderClasses(usable.map((u) => u.rel));

  return {
    info: { name: basename(root) || root, size, channels, count, skipped, ...(classes ? { labels: [{ name: 'class', values: classes.names.length }] } : {}) },
    files: usable.map((u) => u.rel),
    readFailures,
    async read(indices: readonly number[]): Promise<ImageBatch> {
      for (const index of indices) {
        if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`image index ${index} outside 0..${count - 1}`);
      }
      const n = indices.length;
      const images = new Float32Array(n * pixels);
      await mapLimit(indices, concurrency, async (index, k) => {
        const entry = usable[index];
        if (!entry) return;
        try {
          const bytes = await gate.run(entry.pixels, () => decode(entry.file, size, channels, fit));
          const offset = k * pixels;
          for (let p = 0; p < pixels; p++) images[offset + p] = (bytes[p] ?? 0) / 255;
        } catch (error) {
          const reason = describeFailure(errorMessage(error));
          readFailures.set(entry.rel, reason);
          onReadError?.(entry.rel, reason);
        }
      });
      return { images, n, ...(classes ? { labels: Int32Array.from(indices, (i) => classes.labels[i]!) } : {}) };
    },
  };
}
