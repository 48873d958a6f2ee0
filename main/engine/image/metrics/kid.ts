/**
 * Kernel Inception Distance's estimator (Binkowski et al. 2018, "Demystifying MMD GANs"), as
 * clean-fid `kernel_distance` / torch-fidelity compute it: the unbiased MMD^2 with the cubic
 * polynomial kernel k(x, y) = (x.y / dim + 1)^3, averaged over random subsets of equal size m
 * drawn without replacement from each set:
 *   MMD^2 = sum_{i!=j} [k(x_i,x_j) + k(y_i,y_j)] / (m (m-1)) - 2 sum_{i,j} k(x_i,y_j) / m^2.
 * Returns the mean and the (population, np.std) standard deviation over subsets. The unbiased
 * estimate can be slightly negative for close sets. Subsets are drawn from a seeded generator,
 * so results are reproducible. Cost ~ subsets * 2 m^2 dim multiply-adds (dim 128, m 1000: ~0.3 s
 * per subset in V8), unless both sets are small enough to cache their full kernel matrices once
 * ((na + nb)^2 / 2 dot products), after which each subset is only m^2 look-ups.
 * On feature-net.ts features this is "KID (local features)", not Inception features.
 */
import { mulberry32, sampleWithoutReplacement } from '../../core/seeded-rng';
import { runToEnd, type Steps } from '../../core/steps';

export interface KidOptions {
  /** Number of random subsets (default 100, as clean-fid / torch-fidelity). */
  subsets?: number;
  /** Subset size m (default 1000, capped at min(na, nb)). */
  subsetSize?: number;
  seed?: number;
  /** Most kernel-matrix entries (float64) to cache, na^2 + nb^2 + na nb; default 8M (64 MB); 0: never. */
  kernelCacheEntries?: number;
}

export interface KidResult {
  mean: number;
  std: number;
  subsets: number;
  subsetSize: number;
}

/** Gather the rows `index` of a row-major [* x dim] matrix into a float64 [m x dim] block. */
function gather(x: Float32Array, index: Int32Array, dim: number): Float64Array {
  const out = new Float64Array(index.length * dim);
  for (let i = 0; i < index.length; i++) {
    const from = index[i]! * dim;
    for (let k = 0; k < dim; k++) out[i * dim + k] = x[from + k]!;
  }
  return out;
}

function dot(x: Float64Array, i: number, y: Float64Array, j: number, dim: number): number {
  let s = 0;
  const xi = i * dim;
  const yj = j * dim;
  for (let k = 0; k < dim; k++) s += x[xi + k]! * y[yj + k]!;
  return s;
}

function cubicKernel(dotValue: number, dim: number): number {
  const t = dotValue / dim + 1;
  return t * t * t;
}

/** Sum of k(x_i, x_j) over i != j (twice the strict upper triangle). */
function offDiagonalKernelSum(x: Float64Array, m: number, dim: number): number {
  let sum = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) sum += cubicKernel(dot(x, i, x, j, dim), dim);
  return 2 * sum;
}

/** Unbiased MMD^2 between two equal-size blocks of m rows. */
export function polynomialMmd2(x: Float64Array, y: Float64Array, m: number, dim: number): number {
  let cross = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) cross += cubicKernel(dot(x, i, y, j, dim), dim);
  const within = offDiagonalKernelSum(x, m, dim) + offDiagonalKernelSum(y, m, dim);
  return within / (m * (m - 1)) - (2 * cross) / (m * m);
}

/** Row i of the kernel matrix k(x_i, y_j) into k; only j > i when `upper`. */
function kernelRow(k: Float64Array, x: Float64Array, i: number, y: Float64Array, ny: number, dim: number, upper: boolean): void {
  for (let j = upper ? i + 1 : 0; j < ny; j++) k[i * ny + j] = cubicKernel(dot(x, i, y, j, dim), dim);
}

/** Kernel rows between two pause points (1,600 x 1,600 x 128-d: ~10 ms). */
const ROWS_PER_STEP = 32;

/** Kernel matrix k(x_i, y_j), row-major [nx x ny]; only j > i is filled when `upper`. Seconds at 1,600 rows: pauses every ROWS_PER_STEP rows. */
function* kernelMatrix(x: Float64Array, nx: number, y: Float64Array, ny: number, dim: number, upper: boolean): Steps<Float64Array> {
  const k = new Float64Array(nx * ny);
  for (let i = 0; i < nx; i++) {
    kernelRow(k, x, i, y, ny, dim, upper);
    if ((i + 1) % ROWS_PER_STEP === 0) yield;
  }
  return k;
}

/** Sum over i != j of the cached symmetric kernel (upper triangle) restricted to `index`. */
function cachedOffDiagonalSum(k: Float64Array, n: number, index: Int32Array): number {
  let sum = 0;
  for (let p = 0; p < index.length; p++) {
    const ip = index[p]!;
    for (let q = p + 1; q < index.length; q++) {
      const iq = index[q]!;
      sum += ip < iq ? k[ip * n + iq]! : k[iq * n + ip]!;
    }
  }
  return 2 * sum;
}

/** KID-style distance between feature sets a ([na x dim]) and b ([nb x dim]). */
export function kernelInceptionDistance(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number, options: KidOptions = {}): KidResult {
  return runToEnd(kidSteps(a, na, b, nb, dim, options));
}

/** kernelInceptionDistance as steps (core/steps.ts): pauses within the kernel matrices and after each subset. */
export function* kidSteps(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number, options: KidOptions = {}): Steps<KidResult> {
  if (a.length !== na * dim) throw new RangeError(`a has ${a.length} values, expected ${na} x ${dim}`);
  if (b.length !== nb * dim) throw new RangeError(`b has ${b.length} values, expected ${nb} x ${dim}`);
  const subsets = options.subsets ?? 100;
  const m = Math.min(options.subsetSize ?? 1000, na, nb);
  if (m < 2) throw new RangeError(`need subsets of at least 2 samples, got ${m}`);
  if (subsets < 1) throw new RangeError(`need at least one subset, got ${subsets}`);
  const random = mulberry32(options.seed ?? 0);
  const values = new Float64Array(subsets);
  const cacheLimit = options.kernelCacheEntries ?? 8_000_000;
  if (na * na + nb * nb + na * nb <= cacheLimit) {
    const all = (x: Float32Array, count: number): Float64Array => Float64Array.from(x.subarray(0, count * dim));
    const fa = all(a, na);
    const fb = all(b, nb);
    const kaa = yield* kernelMatrix(fa, na, fa, na, dim, true);
    const kbb = yield* kernelMatrix(fb, nb, fb, nb, dim, true);
    const kab = yield* kernelMatrix(fa, na, fb, nb, dim, false);
    for (let s = 0; s < subsets; s++) {
      const ib = sampleWithoutReplacement(nb, m, random);
      const ia = sampleWithoutReplacement(na, m, random);
      let cross = 0;
      for (let p = 0; p < m; p++) {
        const row = ia[p]! * nb;
        for (let q = 0; q < m; q++) cross += kab[row + ib[q]!]!;
      }
      const within = cachedOffDiagonalSum(kaa, na, ia) + cachedOffDiagonalSum(kbb, nb, ib);
      values[s] = within / (m * (m - 1)) - (2 * cross) / (m * m);
      yield;
    }
  } else {
    for (let s = 0; s < subsets; s++) {
      // clean-fid draws from the second set first; kept for the same order of draws.
      const y = gather(b, sampleWithoutReplacement(nb, m, random), dim);
      const x = gather(a, sampleWithoutReplacement(na, m, random), dim);
      values[s] = polynomialMmd2(x, y, m, dim);
      yield;
    }
  }
  let mean = 0;
  for (const v of values) mean += v;
  mean /= subsets;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  return { mean, std: Math.sqrt(variance / subsets), subsets, subsetSize: m };
}
