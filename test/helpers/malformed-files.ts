import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Builders for the malformed-input corpus: every file is made here, by the test, so the corpus
 * needs no fixtures. Each returns the absolute path it wrote.
 */

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG whose header claims width x height but carries one row of data: a decompression bomb's shape. */
export function pngWithDimensions(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

/** A real, noisy RGB image (so compression leaves enough bytes to cut in half). */
export async function noisyImage(format: 'png' | 'jpeg', size = 32): Promise<Buffer> {
  const pixels = Buffer.alloc(size * size * 3);
  let state = 12345;
  for (let i = 0; i < pixels.length; i++) pixels[i] = (state = (state * 1103515245 + 12345) % 2147483648) % 256;
  const image = sharp(pixels, { raw: { width: size, height: size, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

/** Images that are valid but of unusual modes and sizes, which training must accept. */
export async function writeUnusualImages(folder: string): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
    sharp({ create: { width, height, channels, background: { r: 200, g: 60, b: 20, alpha: 0.5 } } });
  const written: [string, Promise<unknown>][] = [
    ['one-pixel.png', solid(1, 1).png().toFile(path.join(folder, 'one-pixel.png'))],
    ['sixteen-bit.png', solid(20, 20).toColourspace('rgb16').png().toFile(path.join(folder, 'sixteen-bit.png'))],
    ['palette.png', solid(24, 18).png({ palette: true, colours: 4 }).toFile(path.join(folder, 'palette.png'))],
    ['cmyk.jpg', solid(30, 30).toColourspace('cmyk').jpeg().toFile(path.join(folder, 'cmyk.jpg'))],
    ['grey-alpha.png', solid(16, 40, 4).toColourspace('b-w').png().toFile(path.join(folder, 'grey-alpha.png'))],
    ['wide.webp', solid(300, 3).webp().toFile(path.join(folder, 'wide.webp'))],
    ['upper-case.JPEG', solid(33, 33).jpeg().toFile(path.join(folder, 'upper-case.JPEG'))],
  ];
  await Promise.all(written.map(([, done]) => done));
  return written.map(([name]) => name);
}

/** A folder whose only entry is a link back to itself (and one to its parent): a scan must end. */
export function writeSymlinkLoop(folder: string): string {
  mkdirSync(path.join(folder, 'inner'), { recursive: true });
  symlinkSync(folder, path.join(folder, 'inner', 'back-to-top'), 'dir');
  symlinkSync(path.join(folder, 'inner'), path.join(folder, 'inner', 'self'), 'dir');
  writeFileSync(path.join(folder, 'readme.txt'), 'no images here');
  return folder;
}

/**
 * A real decompression bomb: a width x height PNG of one colour, made by sharp at the highest
 * compression. 16000 x 16000 RGB is ~770 KB on disk and 768 MB decoded, and under sharp's own
 * 268-megapixel default, so only our limit stops it. Takes ~10 s to make.
 */
export function decompressionBombPng(width = 16_000, height = 16_000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 10, g: 200, b: 30 } } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
