/**
 * Folders of images as users bring them: real PNG/JPEG/WebP files of different sizes and modes
 * next to broken ones, hidden files and nested folders.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { folderClasses, openImageFolder } from '../../../../main/engine/image/data/image-folder';
import { openImageSource } from '../../../../main/engine/image/data/open-image-source';

let root = '';
let dir = '';

const raw = (width: number, height: number, channels: 1 | 3 | 4, pixel: (x: number, y: number) => number[]): Buffer => {
  const buf = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) buf.set(pixel(x, y), (y * width + x) * channels);
  return buf;
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fs-image-folder-'));
  dir = join(root, 'photos');
  await mkdir(join(dir, 'sub', 'deeper'), { recursive: true });
  await mkdir(join(dir, '.cache'));
  // A wide white RGB PNG (60x20): 'crop' fills the frame, 'pad' leaves black bands.
  await sharp(raw(60, 20, 3, () => [255, 255, 255]), { raw: { width: 60, height: 20, channels: 3 } }).png().toFile(join(dir, 'a.png'));
  // A greyscale gradient JPEG (50x50).
  await sharp(raw(50, 50, 1, (x) => [Math.round((x / 49) * 255)]), { raw: { width: 50, height: 50, channels: 1 } }).jpeg({ quality: 95 }).toFile(join(dir, 'b.jpg'));
  // A WebP with alpha (32x48): left half opaque white, right half transparent white.
  await sharp(raw(32, 48, 4, (x) => [255, 255, 255, x < 16 ? 255 : 0]), { raw: { width: 32, height: 48, channels: 4 } })
    .webp({ lossless: true })
    .toFile(join(dir, 'c.webp'));
  // A 16-bit greyscale PNG in a subfolder, and an upper-case extension deeper down.
  await sharp(raw(20, 20, 1, () => [128]), { raw: { width: 20, height: 20, channels: 1 } }).toColourspace('grey16').png().toFile(join(dir, 'sub', 'd.png'));
  await sharp(raw(100, 70, 3, (x, y) => [x * 2, y * 3, 100]), { raw: { width: 100, height: 70, channels: 3 } }).jpeg().toFile(join(dir, 'sub', 'deeper', 'e.JPG'));
  // Broken and ignored files.
  await writeFile(join(dir, 'zero.png'), Buffer.alloc(0));
  const jpeg = await sharp(raw(64, 64, 3, (x, y) => [x * 4, y * 4, 0]), { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toBuffer();
  await writeFile(join(dir, 'sub', 'trunc.jpg'), jpeg.subarray(0, jpeg.length >> 1));
  await writeFile(join(dir, 'text.png'), 'this is not an image\n');
  await writeFile(join(dir, 'notes.txt'), 'ignored: not an image extension\n');
  await sharp(raw(8, 8, 3, () => [1, 2, 3]), { raw: { width: 8, height: 8, channels: 3 } }).png().toFile(join(dir, '.hidden.png'));
  await sharp(raw(8, 8, 3, () => [1, 2, 3]), { raw: { width: 8, height: 8, channels: 3 } }).png().toFile(join(dir, '.cache', 'thumb.png'));
  // A symlink loop back to the folder itself must not be walked forever (skipped where links are not allowed).
  await symlink(dir, join(dir, 'sub', 'loop'), 'dir').catch(() => undefined);
  await mkdir(join(root, 'empty'));
  await writeFile(join(root, 'empty', 'readme.txt'), 'no images here');
  await mkdir(join(root, 'allbad'));
  await writeFile(join(root, 'allbad', 'x.jpg'), Buffer.alloc(0));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('openImageFolder', () => {
  it('lists readable images in sorted order and the bad ones with reasons', async () => {
    const progress: [number, number][] = [];
    const source = await openImageFolder({ folder: dir, size: 32, channels: 3, fit: 'crop', onProgress: (d, t) => progress.push([d, t]) });
    expect(source.files).toEqual(['a.png', 'b.jpg', 'c.webp', 'sub/d.png', 'sub/deeper/e.JPG']);
    expect(source.info).toMatchObject({ name: 'photos', size: 32, channels: 3, count: 5 });
    const skipped = source.info.skipped ?? [];
    expect(skipped.map((s) => s.file)).toEqual(['sub/trunc.jpg', 'text.png', 'zero.png']);
    const reason = (file: string): string => skipped.find((s) => s.file === file)?.reason ?? '';
    expect(reason('zero.png')).toMatch(/empty file/);
    expect(reason('sub/trunc.jpg')).toMatch(/truncated/);
    expect(reason('text.png')).toMatch(/not an image/);
    expect(progress.at(-1)).toEqual([8, 8]);
  });

  it('reads every image at the right shape and value range, in both channel modes', async () => {
    for (const channels of [1, 3] as const) {
      for (const size of [32, 64] as const) {
        const source = await openImageFolder({ folder: dir, size, channels, fit: 'pad' });
        const batch = await source.read([0, 1, 2, 3, 4]);
        expect(batch.n).toBe(5);
        expect(batch.factors).toBeUndefined();
        expect(batch.images.length).toBe(5 * size * size * channels);
        const per = size * size * channels;
        for (let k = 0; k < 5; k++) {
          const img = batch.images.subarray(k * per, (k + 1) * per);
          expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
          expect(Math.max(...img)).toBeLessThanOrEqual(1);
          expect(Math.max(...img)).toBeGreaterThan(0.3);
        }
        expect(source.readFailures.size).toBe(0);
      }
    }
  });

  it("crops a wide image to fill the frame and pads it with black bands", async () => {
    const crop = await openImageFolder({ folder: dir, size: 32, channels: 1, fit: 'crop' });
    const pad = await openImageFolder({ folder: dir, size: 32, channels: 1, fit: 'pad' });
    const cropped = (await crop.read([0])).images;
    const padded = (await pad.read([0])).images;
    expect(Math.min(...cropped)).toBeGreaterThan(0.95);
    // 60x20 contained in 32x32: about 11 white rows in the middle, black above and below.
    const row = (img: Float32Array, r: number): number => img.subarray(r * 32, r * 32 + 32).reduce((a, b) => a + b, 0) / 32;
    expect(row(padded, 0)).toBe(0);
    expect(row(padded, 31)).toBe(0);
    expect(row(padded, 16)).toBeGreaterThan(0.95);
    const white = Array.from({ length: 32 }, (_, r) => row(padded, r)).filter((v) => v > 0.5).length;
    expect(white).toBeGreaterThanOrEqual(10);
    expect(white).toBeLessThanOrEqual(12);
  });

  it('flattens transparency onto black and keeps greyscale files grey in RGB', async () => {
    const source = await openImageFolder({ folder: dir, size: 32, channels: 3, fit: 'crop' });
    const batch = await source.read([2, 3]);
    const webp = batch.images.subarray(0, 32 * 32 * 3);
    const at = (img: Float32Array, r: number, c: number, ch: number): number => img[(r * 32 + c) * 3 + ch] ?? -1;
    expect(at(webp, 16, 2, 0)).toBeGreaterThan(0.95); // opaque white
    expect(at(webp, 16, 29, 0)).toBeLessThan(0.05); // transparent -> black
    const grey = batch.images.subarray(32 * 32 * 3);
    expect(at(grey, 10, 10, 0)).toBeCloseTo(128 / 255, 2);
    expect(at(grey, 10, 10, 1)).toBeCloseTo(at(grey, 10, 10, 0), 5);
    expect(at(grey, 10, 10, 2)).toBeCloseTo(at(grey, 10, 10, 0), 5);
  });

  it('substitutes a black image when a file disappears after opening', async () => {
    const copy = join(root, 'copy');
    await mkdir(copy);
    for (const name of ['p.png', 'q.png']) {
      await sharp(raw(16, 16, 3, () => [200, 200, 200]), { raw: { width: 16, height: 16, channels: 3 } }).png().toFile(join(copy, name));
    }
    const errors: string[] = [];
    const source = await openImageFolder({ folder: copy, size: 32, channels: 1, fit: 'crop', onReadError: (file) => errors.push(file) });
    await rm(join(copy, 'p.png'));
    const batch = await source.read([0, 1]);
    expect(Math.max(...batch.images.subarray(0, 1024))).toBe(0);
    expect(Math.min(...batch.images.subarray(1024))).toBeGreaterThan(0.7);
    expect([...source.readFailures.keys()]).toEqual(['p.png']);
    expect(errors).toEqual(['p.png']);
    await expect(source.read([2])).rejects.toThrow(RangeError);
  });

  it('fails clearly for a missing folder, a file, and a folder without readable images', async () => {
    const options = { size: 32, channels: 1, fit: 'crop' } as const;
    await expect(openImageFolder({ ...options, folder: join(root, 'nope') })).rejects.toThrow(/Image folder not found: .*nope/);
    await expect(openImageFolder({ ...options, folder: join(dir, 'a.png') })).rejects.toThrow(/Not a folder: .*a\.png/);
    await expect(openImageFolder({ ...options, folder: join(root, 'empty') })).rejects.toThrow(/No readable images in folder .*empty: no \.png/);
    await expect(openImageFolder({ ...options, folder: join(root, 'allbad') })).rejects.toThrow(/No readable images in folder .*allbad: none of its 1 image files/);
  });
});

describe('class sub-folders as labels', () => {
  it('labels each file by its first folder, only when every file is in one and there are two or more', () => {
    expect(folderClasses(['dogs/a.png', 'cats/b.png', 'cats/x/c.png'])).toEqual({ names: ['cats', 'dogs'], labels: Int32Array.from([1, 0, 0]) });
    expect(folderClasses(['dogs/a.png', 'loose.png'])).toBeNull();
    expect(folderClasses(['dogs/a.png', 'dogs/b.png'])).toBeNull();
  });

  it('reads the class of each image with it; a folder of loose files has no labels', async () => {
    const classes = join(root, 'classes');
    await mkdir(join(classes, 'dark'), { recursive: true });
    await mkdir(join(classes, 'light'));
    for (const [name, v] of [['dark/1.png', 10], ['dark/2.png', 20], ['light/1.png', 240]] as const) {
      await sharp(raw(8, 8, 1, () => [v]), { raw: { width: 8, height: 8, channels: 1 } }).png().toFile(join(classes, name));
    }
    const source = await openImageFolder({ folder: classes, size: 32, channels: 1, fit: 'crop' });
    expect(source.info.labels).toEqual([{ name: 'class', values: 2 }]);
    expect(source.info.factors).toBeUndefined();
    expect((await source.read([2, 0])).labels).toEqual(Int32Array.from([1, 0]));
    const loose = await openImageFolder({ folder: dir, size: 32, channels: 1, fit: 'crop' });
    expect(loose.info.labels).toBeUndefined();
    expect((await loose.read([0])).labels).toBeUndefined();
  });
});

describe('openImageSource', () => {
  it('opens built-ins by name and anything else as a folder', async () => {
    const ds = await openImageSource({ data: 'dsprites', size: 64, seed: 1 });
    expect(ds.info).toMatchObject({ name: 'dSprites', size: 64, channels: 1, count: 737_280 });
    const mnist = await openImageSource({ data: 'MNIST', size: 32, seed: 1 });
    expect(mnist.info).toMatchObject({ name: 'MNIST', channels: 1 });
    const mnistTest = await openImageSource({ data: 'mnist:test', size: 32, seed: 1 });
    expect(mnistTest.info.count).toBeLessThan(mnist.info.count);
    const folder = await openImageSource({ data: dir, size: 32, seed: 1 });
    expect(folder.info).toMatchObject({ name: 'photos', channels: 3, count: 5 });
    await expect(openImageSource({ data: '  ', size: 32, seed: 1 })).rejects.toThrow(/No data given/);
  });
});
