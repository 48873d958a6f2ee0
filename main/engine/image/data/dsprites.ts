/**
 * dSprites, regenerated procedurally (METHOD.md, "Datasets that need no download"): binary
 * sprites with 5 ground-truth factors, so disentanglement metrics can be computed without the
 * original .npz. Nothing is materialised: a dataset index goes through a seeded bijective
 * scramble (permutation.ts) to one of the 737,280 grid combinations, which is drawn on demand
 * with a point-in-shape test per pixel of the sprite's bounding box (a 64-image batch at 64x64
 * renders in about a millisecond).
 *
 * Geometry (the original's exact pixels are unpublished): image coordinates with x to the right,
 * y down, pixel (r, c) sampled at its centre (c + 0.5, r + 0.5). The sprite's centre is
 * (0.25 S + 0.5 S posX, 0.25 S + 0.5 S posY), so posY = 0 is near the top. Every shape fits in
 * a disc of radius scale * (0.25 S - 1) about that centre, whatever its rotation, so even the
 * largest sprite at an extreme position leaves the outermost pixel rows and columns empty.
 * Shapes in unit-disc coordinates (u right, v up): square of half-side 1/sqrt(2); ellipse with
 * semi-axes 1 (along u) and 0.5; heart (x^2 + y^2 - 1)^3 <= x^2 y^3 with x = 1.25 u,
 * y = 1.25 v + 0.25 (its smallest enclosing circle, centred), lobes up at orientation 0.
 * Orientation rotates the shape counter-clockwise as seen on screen.
 */
import type { FactorSpec, ImageBatch, ImageSource } from './types';
import { createPermutation } from '../../core/permutation';

export const DSPRITES_SHAPES = ['square', 'ellipse', 'heart'] as const;
/** Factor names and counts, in label order. */
export const DSPRITES_FACTORS: readonly FactorSpec[] = [
  { name: 'shape', values: 3 },
  { name: 'scale', values: 6 },
  { name: 'orientation', values: 40 },
  { name: 'posX', values: 32 },
  { name: 'posY', values: 32 },
];
/** 3 * 6 * 40 * 32 * 32. */
export const DSPRITES_COMBINATIONS = 737_280;

/** Factor value indices of one sprite (shape 0..2, scale 0..5, orientation 0..39, posX/posY 0..31). */
export interface DSpritesFactors {
  readonly shape: number;
  readonly scale: number;
  readonly orientation: number;
  readonly posX: number;
  readonly posY: number;
}

/** The factor values themselves: scale in [0.5, 1], orientation in radians [0, 2pi], positions in [0, 1]. */
export interface DSpritesFactorValues {
  readonly shape: (typeof DSPRITES_SHAPES)[number];
  readonly scale: number;
  readonly orientation: number;
  readonly posX: number;
  readonly posY: number;
}

const linspace = (from: number, to: number, k: number, i: number): number => from + ((to - from) * i) / (k - 1);

/**
 * Grid index (0..737279) of a combination: mixed radix with shape most significant and posY
 * least, as in the original dSprites latents_classes order.
 */
export function gridIndexOf(f: DSpritesFactors): number {
  checkFactors(f);
  return (((f.shape * 6 + f.scale) * 40 + f.orientation) * 32 + f.posX) * 32 + f.posY;
}

/** Factor value indices of a grid index (0..737279); the inverse of gridIndexOf. */
export function factorIndicesOf(gridIndex: number): DSpritesFactors {
  if (!Number.isInteger(gridIndex) || gridIndex < 0 || gridIndex >= DSPRITES_COMBINATIONS) {
    throw new RangeError(`dSprites grid index ${gridIndex} outside 0..${DSPRITES_COMBINATIONS - 1}`);
  }
  let rest = gridIndex;
  const posY = rest % 32;
  rest = (rest - posY) / 32;
  const posX = rest % 32;
  rest = (rest - posX) / 32;
  const orientation = rest % 40;
  rest = (rest - orientation) / 40;
  const scale = rest % 6;
  const shape = (rest - scale) / 6;
  return { shape, scale, orientation, posX, posY };
}

/** Factor values (scale 0.5..1, orientation 0..2pi, positions 0..1) of a grid index (0..737279). */
export function factorValuesOf(gridIndex: number): DSpritesFactorValues {
  const f = factorIndicesOf(gridIndex);
  return {
    shape: DSPRITES_SHAPES[f.shape] ?? 'square',
    scale: linspace(0.5, 1, 6, f.scale),
    orientation: linspace(0, 2 * Math.PI, 40, f.orientation),
    posX: linspace(0, 1, 32, f.posX),
    posY: linspace(0, 1, 32, f.posY),
  };
}

function checkFactors(f: DSpritesFactors): void {
  const ok = (v: number, k: number): boolean => Number.isInteger(v) && v >= 0 && v < k;
  if (!ok(f.shape, 3) || !ok(f.scale, 6) || !ok(f.orientation, 40) || !ok(f.posX, 32) || !ok(f.posY, 32)) {
    throw new RangeError(`dSprites factors out of range: ${JSON.stringify(f)}`);
  }
}

const SQUARE_HALF = Math.SQRT1_2;
const ELLIPSE_MINOR = 0.5;
const HEART_SCALE = 1.25;
const HEART_SHIFT = 0.25;

function inside(shape: number, u: number, v: number): boolean {
  if (shape === 0) return Math.abs(u) <= SQUARE_HALF && Math.abs(v) <= SQUARE_HALF;
  if (shape === 1) {
    const w = v / ELLIPSE_MINOR;
    return u * u + w * w <= 1;
  }
  const x = HEART_SCALE * u;
  const y = HEART_SCALE * v + HEART_SHIFT;
  const a = x * x + y * y - 1;
  return a * a * a <= x * x * y * y * y;
}

/** Draws one sprite (1s on a zero background) into out[offset .. offset + size*size). */
function renderInto(out: Float32Array, offset: number, f: DSpritesFactors, size: number): void {
  const radius = linspace(0.5, 1, 6, f.scale) * (0.25 * size - 1);
  const theta = linspace(0, 2 * Math.PI, 40, f.orientation);
  const cx = 0.25 * size + 0.5 * size * linspace(0, 1, 32, f.posX);
  const cy = 0.25 * size + 0.5 * size * linspace(0, 1, 32, f.posY);
  const cos = Math.cos(theta) / radius;
  const sin = Math.sin(theta) / radius;
  // Only pixels whose centre can lie within the enclosing disc.
  const c0 = Math.max(0, Math.floor(cx - radius - 0.5));
  const c1 = Math.min(size - 1, Math.ceil(cx + radius - 0.5));
  const r0 = Math.max(0, Math.floor(cy - radius - 0.5));
  const r1 = Math.min(size - 1, Math.ceil(cy + radius - 0.5));
  for (let r = r0; r <= r1; r++) {
    const dyUp = cy - (r + 0.5); // y up, relative to the centre
    const row = offset + r * size;
    for (let c = c0; c <= c1; c++) {
      const dx = c + 0.5 - cx;
      // Rotate the pixel by -theta into the shape's frame, scaled to the unit disc.
      const u = cos * dx + sin * dyUp;
      const v = -sin * dx + cos * dyUp;
      if (inside(f.shape, u, v)) out[row + c] = 1;
    }
  }
}

/** One sprite as a size x size image (row-major, values 0 or 1). */
export function renderSprite(factors: DSpritesFactors, size: number): Float32Array {
  checkFactors(factors);
  if (!Number.isInteger(size) || size < 8) throw new RangeError(`sprite size must be an integer >= 8, got ${size}`);
  const out = new Float32Array(size * size);
  renderInto(out, 0, factors, size);
  return out;
}

/** An ImageSource that also tells which grid combination each dataset index shows. */
export interface DSpritesSource extends ImageSource {
  /** Grid index (0..737279) shown at this dataset index. */
  gridIndexAt(index: number): number;
}

export interface DSpritesOptions {
  readonly size: 32 | 64;
  readonly seed: number;
  /** Number of examples, 1..737280; the first `count` of the seeded order. Default: the whole grid. */
  readonly count?: number;
}

export function createDSprites(options: DSpritesOptions): DSpritesSource {
  const { size, seed } = options;
  if (size !== 32 && size !== 64) throw new RangeError(`dSprites size must be 32 or 64, got ${String(size)}`);
  const count = options.count ?? DSPRITES_COMBINATIONS;
  if (!Number.isInteger(count) || count < 1 || count > DSPRITES_COMBINATIONS) {
    throw new RangeError(`dSprites count must be an integer in 1..${DSPRITES_COMBINATIONS}, got ${count}`);
  }
  // Always a permutation of the whole grid, so a subset is the first `count` of the full order.
  const scramble = createPermutation(DSPRITES_COMBINATIONS, seed);
  const gridIndexAt = (index: number): number => {
    if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`dSprites index ${index} outside 0..${count - 1}`);
    return scramble(index);
  };
  const pixels = size * size;
  const nFactors = DSPRITES_FACTORS.length;

  return {
    info: { name: 'dSprites', size, channels: 1, count, factors: DSPRITES_FACTORS },
    gridIndexAt,
    read(indices: readonly number[]): Promise<ImageBatch> {
      try {
        const n = indices.length;
        const images = new Float32Array(n * pixels);
        const factors = new Int32Array(n * nFactors);
        for (let k = 0; k < n; k++) {
          const f = factorIndicesOf(gridIndexAt(indices[k] ?? -1));
          renderInto(images, k * pixels, f, size);
          const o = k * nFactors;
          factors[o] = f.shape;
          factors[o + 1] = f.scale;
          factors[o + 2] = f.orientation;
          factors[o + 3] = f.posX;
          factors[o + 4] = f.posY;
        }
        return Promise.resolve({ images, factors, n });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}
