/**
 * Image inputs are bounded before they are decoded: a real decompression bomb (made here with
 * sharp), files whose content is not what their extension says, and formats we do not take.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openImageFolder } from '../../../../main/engine/image/data/image-folder';
import { PixelGate } from '../../../../main/engine/image/data/image-limits';
import { decompressionBombPng, noisyImage } from '../../../helpers/malformed-files';
import { tempDir } from '../../../helpers/temp-dir';

const dir = tempDir('fs-bounded-images-');
afterAll(() => dir.remove());
let caseCount = 0;
const caseDir = (files: Record<string, Uint8Array | string>): string => {
  const folder = join(dir.path, `case-${++caseCount}`);
  mkdirSync(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);
  return folder;
};
const open = (folder: string) => openImageFolder({ folder, size: 32, channels: 3, fit: 'crop' });

describe('a decompression bomb', () => {
  let bomb: Buffer;
  beforeAll(async () => {
    bomb = await decompressionBombPng();
  }, 60_000);

  it('is refused from its header, fast, naming the file and its size, in bounded memory', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024); // sub-megabyte on disk, 768 MB decoded
    const folder = caseDir({ 'bomb.png': bomb, 'fine.png': await noisyImage('png') });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    const source = await open(folder);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(source.files).toEqual(['fine.png']);
    expect(source.info.skipped).toEqual([
      { file: 'bomb.png', reason: 'too large: 16000x16000 pixels (256 megapixels) is over the limit of 40 megapixels; scale it down (the model sees at most 64x64)' },
    ]);
    const growthMb = (peak - before) / 2 ** 20;
    console.log(`bomb 16000x16000 (${bomb.length} bytes): refused in ${seconds.toFixed(3)} s, RSS growth ${growthMb.toFixed(0)} MB`);
    expect(seconds).toBeLessThan(2);
    expect(growthMb).toBeLessThan(100); // decoding it would take 768 MB
  });

  it('alone in a folder, the error names it and why', async () => {
    const folder = caseDir({ 'bomb.png': bomb });
    await expect(open(folder)).rejects.toThrow(`No readable images in folder ${folder}: none of its 1 image files could be read (bomb.png: too large: 16000x16000 pixels`);
  });
});

describe('the extension must match the content', () => {
  it('a .png that is really a JPEG, and a .jpg that is really a PNG, are refused naming both formats', async () => {
    const folder = caseDir({ 'photo.png': await noisyImage('jpeg'), 'drawing.jpg': await noisyImage('png'), 'ok.png': await noisyImage('png') });
    const source = await open(folder);
    expect(source.files).toEqual(['ok.png']);
    expect(source.info.skipped).toEqual([
      { file: 'drawing.jpg', reason: 'the name says JPEG but the content is PNG; rename it to match (expected JPEG data)' },
      { file: 'photo.png', reason: 'the name says PNG but the content is JPEG; rename it to match (expected PNG data)' },
    ]);
  });

  it('a .png holding a format we do not take (GIF, TIFF, SVG) is not an image to us', async () => {
    const solid = sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } });
    const folder = caseDir({
      'anim.png': await solid.clone().gif().toBuffer(),
      'scan.webp': await solid.clone().tiff().toBuffer(),
      'vector.jpg': '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
      'ok.webp': await solid.clone().webp().toBuffer(),
    });
    const source = await open(folder);
    expect(source.files).toEqual(['ok.webp']);
    expect(source.info.skipped?.map((s) => [s.file, s.reason])).toEqual([
      ['anim.png', 'not an image (content is not a known image format): expected PNG data, as its name says'],
      ['scan.webp', 'not an image (content is not a known image format): expected WebP data, as its name says'],
      ['vector.jpg', 'not an image (content is not a known image format): expected JPEG data, as its name says'],
    ]);
  });

  it('other loaders are blocked in the process that reads folders', async () => {
    await open(caseDir({ 'ok.png': await noisyImage('png') })); // blocks them, once
    const tiff = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).tiff().toBuffer();
    await expect(sharp(tiff).metadata()).rejects.toThrow(/blocked|unsupported/i);
    await expect(sharp(await noisyImage('jpeg')).metadata()).resolves.toMatchObject({ format: 'jpeg' });
  });
});

describe('PixelGate', () => {
  it('keeps decodes in flight within the pixel budget, one big one alone, in arrival order', async () => {
    const gate = new PixelGate(100);
    let inFlight = 0;
    let peak = 0;
    const order: string[] = [];
    const job = (name: string, pixels: number) =>
      gate.run(pixels, async () => {
        inFlight += pixels;
        peak = Math.max(peak, inFlight);
        order.push(name);
        await new Promise((resolve) => setTimeout(resolve, 10));
        inFlight -= pixels;
      });
    await Promise.all([job('a', 40), job('b', 40), job('big', 500), job('c', 40), job('d', 40)]);
    expect(order).toEqual(['a', 'b', 'big', 'c', 'd']);
    // a + b ran together (80), big alone (500, over the budget but alone), then c + d.
    expect(peak).toBe(500);
  });
});
