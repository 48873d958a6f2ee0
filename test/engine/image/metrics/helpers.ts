/** Seeded test data for the metric tests. */
import { mulberry32, seededNormal } from '../../../../main/engine/core/seeded-rng';

/** n x d standard normal values (row-major), seeded. */
export function gaussian(n: number, d: number, seed: number, scale = 1, shift = 0): Float32Array {
  const normal = seededNormal(seed);
  const out = new Float32Array(n * d);
  for (let i = 0; i < out.length; i++) out[i] = shift + scale * normal();
  return out;
}

/** n x f integer factors, column j uniform over levels[j] values, seeded. */
export function uniformFactors(n: number, levels: number[], seed: number): Int32Array {
  const random = mulberry32(seed);
  const f = levels.length;
  const out = new Int32Array(n * f);
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) out[i * f + j] = Math.floor(random() * levels[j]!);
  return out;
}

/**
 * A perfect code: dims 0..f-1 copy the factors (plus tiny noise), the remaining dims are pure
 * noise. Returns row-major [n x d].
 */
export function perfectCode(factors: Int32Array, n: number, f: number, d: number, seed: number): Float32Array {
  const normal = seededNormal(seed);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) out[i * d + k] = k < f ? factors[i * f + k]! + 0.01 * normal() : normal();
  }
  return out;
}

/** Reorder the code dimensions of a row-major [n x d] matrix: new dim k = old dim perm[k]. */
export function permuteDims(codes: Float32Array, n: number, d: number, perm: number[]): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) out[i * d + k] = codes[i * d + perm[k]!]!;
  return out;
}
