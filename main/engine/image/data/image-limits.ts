/**
 * What an image file may be before we decode it. sharp decodes any format libvips knows, by
 * content, up to 268 megapixels by default: a sub-megabyte PNG of one colour can claim 16000 x
 * 16000 pixels and decode to ~768 MB, and eight decode at once. We train on 32 x 32 or 64 x 64,
 * so nothing needs that:
 * - only the three formats the folder reader takes (PNG, JPEG, WebP) may be loaded at all: every
 *   other libvips loader (SVG, PDF, TIFF, HEIF, GIF, FITS, ...) is blocked, process-wide;
 * - the name's extension must agree with the file's first bytes (its magic number);
 * - at most MAX_INPUT_PIXELS pixels per image (limitInputPixels, and checked from the header
 *   before any decode);
 * - decodes in flight are bounded by their total pixels (PixelGate), so big files go one by one.
 */
import { open } from 'node:fs/promises';

import sharp from 'sharp';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

/**
 * 40 megapixels: a full-frame 45 MP camera (8192 x 5464) is the largest common photo, and the
 * model sees 64 x 64 of it; 40 MP of RGBA is 160 MB decoded, a bound we can afford one at a time.
 */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Pixels decoded at once across a batch: eight 5-megapixel photos, or one big file alone. */
export const PIXELS_IN_FLIGHT = 40_000_000;

const EXTENSION_FORMAT: Readonly<Record<string, ImageFormat>> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp' };
const FORMAT_NAME: Readonly<Record<ImageFormat, string>> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' };

let loadersBlocked = false;
/**
 * Blocks every libvips loader but PNG, JPEG and WebP, once per process (the compute process: the
 * engine runs nowhere else). Blocking the base class blocks all loaders; unblocking a format's
 * class re-allows its file, buffer and stream variants.
 */
export function blockUnusedLoaders(): void {
  if (loadersBlocked) return;
  loadersBlocked = true;
  sharp.block({ operation: ['VipsForeignLoad'] });
  sharp.unblock({ operation: ['VipsForeignLoadPng', 'VipsForeignLoadJpeg', 'VipsForeignLoadWebp'] });
}

export function formatOfName(name: string): ImageFormat | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? EXTENSION_FORMAT[name.slice(dot).toLowerCase()] : undefined;
}

/** The format the first bytes say, among the ones we take; undefined for anything else. */
export function formatOfBytes(head: Uint8Array): ImageFormat | undefined {
  const starts = (bytes: readonly number[], at = 0): boolean => bytes.every((b, i) => head[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp'; // RIFF....WEBP
  return undefined;
}

/** Why the file's content does not match its name, or undefined when it does. */
export async function checkMagic(file: string, name: string): Promise<string | undefined> {
  const expected = formatOfName(name);
  if (!expected) return `not a .png, .jpg, .jpeg or .webp file`;
  const handle = await open(file, 'r');
  let head: Uint8Array;
  try {
    const buffer = Buffer.alloc(12);
    const { bytesRead } = await handle.read(buffer, 0, 12, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const actual = formatOfBytes(head);
  if (actual === expected) return undefined;
  if (actual === undefined) return `not an image (content is not a known image format): expected ${FORMAT_NAME[expected]} data, as its name says`;
  return `the name says ${FORMAT_NAME[expected]} but the content is ${FORMAT_NAME[actual]}; rename it to match (expected ${FORMAT_NAME[expected]} data)`;
}

/** The reason an image of width x height is refused, or undefined. */
export function checkPixels(width: number, height: number): string | undefined {
  if (width * height <= MAX_INPUT_PIXELS) return undefined;
  const mp = (width * height) / 1e6;
  return `too large: ${width}x${height} pixels (${mp.toFixed(0)} megapixels) is over the limit of ${MAX_INPUT_PIXELS / 1e6} megapixels; scale it down (the model sees at most 64x64)`;
}

/**
 * Lets decodes start while their pixels in flight stay within a budget; one decode always may
 * (a file at the per-image limit runs alone rather than never).
 */
export class PixelGate {
  private inFlight = 0;
  private readonly waiting: { pixels: number; start: () => void }[] = [];

  constructor(private readonly budget = PIXELS_IN_FLIGHT) {}

  async run<T>(pixels: number, decode: () => Promise<T>): Promise<T> {
    // In arrival order: a big file waiting is not overtaken by small ones.
    if (this.waiting.length > 0 || !this.fits(pixels)) {
      await new Promise<void>((start) => this.waiting.push({ pixels, start })); // release() counts it in
    } else {
      this.inFlight += pixels;
    }
    try {
      return await decode();
    } finally {
      this.inFlight -= pixels;
      this.release();
    }
  }

  private fits(pixels: number): boolean {
    return this.inFlight === 0 || this.inFlight + pixels <= this.budget;
  }

  private release(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.pixels)) {
      const next = this.waiting.shift()!;
      this.inFlight += next.pixels;
      next.start();
    }
  }
}
