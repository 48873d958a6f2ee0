/**
 * Procedural dSprites: deterministic from the seed, labels that match the pixels, sprites that
 * never reach the border, subsets that are prefixes of the full seeded order.
 */
import { describe, expect, it } from 'vitest';

import {
  createDSprites,
  DSPRITES_COMBINATIONS,
  factorIndicesOf,
  factorValuesOf,
  gridIndexOf,
  renderSprite,
  type DSpritesFactors,
} from '../../../../main/engine/image/data/dsprites';

const sprite = (f: Partial<DSpritesFactors>, size = 64): Float32Array =>
  renderSprite({ shape: 0, scale: 5, orientation: 0, posX: 15, posY: 15, ...f }, size);

function centreOfMass(img: Float32Array, size: number): { x: number; y: number; mass: number } {
  let x = 0;
  let y = 0;
  let mass = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const v = img[r * size + c] ?? 0;
      x += v * (c + 0.5);
      y += v * (r + 0.5);
      mass += v;
    }
  }
  return { x: x / mass, y: y / mass, mass };
}

describe('dSprites', () => {
  it('describes its five factors and the whole grid', () => {
    const ds = createDSprites({ size: 64, seed: 1 });
    expect(ds.info).toMatchObject({ name: 'dSprites', size: 64, channels: 1, count: DSPRITES_COMBINATIONS });
    expect(ds.info.factors).toEqual([
      { name: 'shape', values: 3 },
      { name: 'scale', values: 6 },
      { name: 'orientation', values: 40 },
      { name: 'posX', values: 32 },
      { name: 'posY', values: 32 },
    ]);
    expect(3 * 6 * 40 * 32 * 32).toBe(DSPRITES_COMBINATIONS);
  });

  it('maps grid indices to factors and back, with the linspace values', () => {
    for (const g of [0, 1, 31, 32, 1023, 40_960, 245_759, 245_760, DSPRITES_COMBINATIONS - 1]) {
      expect(gridIndexOf(factorIndicesOf(g))).toBe(g);
    }
    expect(factorIndicesOf(DSPRITES_COMBINATIONS - 1)).toEqual({ shape: 2, scale: 5, orientation: 39, posX: 31, posY: 31 });
    const v = factorValuesOf(DSPRITES_COMBINATIONS - 1);
    expect(v.shape).toBe('heart');
    expect(v.scale).toBeCloseTo(1, 12);
    expect(v.orientation).toBeCloseTo(2 * Math.PI, 12);
    expect(v.posX).toBe(1);
    expect(factorValuesOf(gridIndexOf({ shape: 1, scale: 1, orientation: 0, posX: 0, posY: 0 }))).toMatchObject({ shape: 'ellipse', scale: 0.6, posX: 0 });
    expect(() => factorIndicesOf(DSPRITES_COMBINATIONS)).toThrow(RangeError);
  });

  it('is deterministic for a seed and ordered differently for another', async () => {
    const indices = Array.from({ length: 64 }, (_, i) => i * 997);
    const a = await createDSprites({ size: 64, seed: 7 }).read(indices);
    const b = await createDSprites({ size: 64, seed: 7 }).read(indices);
    const c = await createDSprites({ size: 64, seed: 8 }).read(indices);
    expect(Buffer.from(a.images.buffer).equals(Buffer.from(b.images.buffer))).toBe(true);
    expect(a.factors).toEqual(b.factors);
    expect(Buffer.from(a.images.buffer).equals(Buffer.from(c.images.buffer))).toBe(false);
    const g7 = createDSprites({ size: 32, seed: 7 });
    const g8 = createDSprites({ size: 32, seed: 8 });
    const differ = indices.filter((i) => g7.gridIndexAt(i) !== g8.gridIndexAt(i)).length;
    expect(differ).toBeGreaterThan(60);
  });

  it('labels each image with the factors it was drawn from', async () => {
    const ds = createDSprites({ size: 32, seed: 3 });
    const indices = [0, 5, 99, 123_456, DSPRITES_COMBINATIONS - 1];
    const batch = await ds.read(indices);
    expect(batch.n).toBe(indices.length);
    expect(batch.images.length).toBe(indices.length * 32 * 32);
    indices.forEach((index, k) => {
      const f = factorIndicesOf(ds.gridIndexAt(index));
      expect(Array.from(batch.factors?.subarray(k * 5, k * 5 + 5) ?? [])).toEqual([f.shape, f.scale, f.orientation, f.posX, f.posY]);
      expect(batch.images.subarray(k * 1024, (k + 1) * 1024)).toEqual(renderSprite(f, 32));
    });
    for (const v of batch.images) expect(v === 0 || v === 1).toBe(true);
  });

  it('moves the sprite with posX and posY, and grows it with scale', () => {
    for (const size of [32, 64] as const) {
      const left = centreOfMass(sprite({ posX: 0 }, size), size);
      const right = centreOfMass(sprite({ posX: 31 }, size), size);
      expect(right.x - left.x).toBeCloseTo(0.5 * size, 0);
      expect(left.x).toBeCloseTo(0.25 * size, 0);
      expect(right.y).toBeCloseTo(left.y, 5);
      const top = centreOfMass(sprite({ posY: 0 }, size), size);
      const bottom = centreOfMass(sprite({ posY: 31 }, size), size);
      expect(bottom.y - top.y).toBeCloseTo(0.5 * size, 0);
      const masses = [0, 1, 2, 3, 4, 5].map((scale) => centreOfMass(sprite({ scale }, size), size).mass);
      for (let i = 1; i < masses.length; i++) expect(masses[i]).toBeGreaterThan(masses[i - 1] ?? 0);
    }
  });

  it('draws three different shapes, and orientation turns the heart', () => {
    const square = centreOfMass(sprite({ shape: 0 }), 64).mass;
    const ellipse = centreOfMass(sprite({ shape: 1 }), 64).mass;
    const heart = centreOfMass(sprite({ shape: 2 }), 64).mass;
    // Radius 15: square of half-side 15/sqrt(2) (450 px), ellipse 15 x 7.5 (353 px).
    expect(square).toBeGreaterThan(420);
    expect(square).toBeLessThan(480);
    expect(ellipse).toBeGreaterThan(320);
    expect(ellipse).toBeLessThan(390);
    expect(new Set([square, ellipse, heart]).size).toBe(3);
    // Lobes up at orientation 0: the heart's mass sits above its centre; half a turn flips it.
    const upright = centreOfMass(sprite({ shape: 2, orientation: 0 }), 64);
    const flipped = centreOfMass(sprite({ shape: 2, orientation: 20 }), 64);
    const centre = 0.25 * 64 + 0.5 * 64 * (15 / 31);
    expect(upright.y).toBeLessThan(centre - 0.3);
    expect(flipped.y).toBeGreaterThan(centre + 0.3);
    expect(upright.x).toBeCloseTo(flipped.x, 0);
    expect(sprite({ shape: 2, orientation: 5 })).not.toEqual(sprite({ shape: 2, orientation: 0 }));
    // The ellipse's long axis turns from horizontal to vertical at a quarter turn.
    const spread = (img: Float32Array): number => {
      const com = centreOfMass(img, 64);
      let sx = 0;
      let sy = 0;
      img.forEach((v, i) => {
        sx += v * (((i % 64) + 0.5 - com.x) ** 2);
        sy += v * ((Math.floor(i / 64) + 0.5 - com.y) ** 2);
      });
      return sx / sy;
    };
    expect(spread(sprite({ shape: 1, orientation: 0 }))).toBeGreaterThan(3);
    expect(spread(sprite({ shape: 1, orientation: 10 }))).toBeLessThan(1 / 3);
  });

  it('never lets a sprite touch the border, at both sizes', () => {
    for (const size of [32, 64] as const) {
      for (let shape = 0; shape < 3; shape++) {
        for (let orientation = 0; orientation < 40; orientation++) {
          for (const posX of [0, 31]) {
            for (const posY of [0, 31]) {
              const img = renderSprite({ shape, scale: 5, orientation, posX, posY }, size);
              for (let i = 0; i < size; i++) {
                const border = [img[i], img[(size - 1) * size + i], img[i * size], img[i * size + size - 1]];
                if (border.some((v) => v !== 0)) throw new Error(`sprite touches the border: ${JSON.stringify({ size, shape, orientation, posX, posY })}`);
              }
            }
          }
        }
      }
      // The smallest sprite is still visible.
      for (let shape = 0; shape < 3; shape++) expect(centreOfMass(sprite({ shape, scale: 0 }, size), size).mass).toBeGreaterThan(10);
    }
  });

  it('gives a smaller count as a prefix of the full seeded order', async () => {
    const full = createDSprites({ size: 32, seed: 11 });
    const subset = createDSprites({ size: 32, seed: 11, count: 500 });
    expect(subset.info.count).toBe(500);
    const grid = Array.from({ length: 500 }, (_, i) => subset.gridIndexAt(i));
    expect(grid).toEqual(Array.from({ length: 500 }, (_, i) => full.gridIndexAt(i)));
    expect(new Set(grid).size).toBe(500);
    // A seeded subset spreads over the factors rather than one corner of the grid.
    expect(new Set(grid.map((g) => factorIndicesOf(g).shape)).size).toBe(3);
    await expect(subset.read([500])).rejects.toThrow(RangeError);
    expect(() => createDSprites({ size: 32, seed: 1, count: 0 })).toThrow(RangeError);
  });

  it('renders a batch of 64 at 64x64 in a few milliseconds', async () => {
    const ds = createDSprites({ size: 64, seed: 5 });
    const indices = Array.from({ length: 64 }, (_, i) => i * 11_519);
    await ds.read(indices);
    const start = performance.now();
    for (let i = 0; i < 20; i++) await ds.read(indices);
    const ms = (performance.now() - start) / 20;
    expect(ms).toBeLessThan(20);
  });
});
