/**
 * Seeded random numbers for the metrics (subset draws, train/test splits, the feature net's fixed
 * weights). Written here in plain TypeScript, not taken from TF.js or main/engine/core/random.ts, so that
 * metric results and the feature network never change when another library or module does.
 */

/** mulberry32: small, fast, seeded; returns uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal numbers by Box-Muller over a mulberry32 stream (one normal per call). */
export function seededNormal(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** m distinct indices from [0, n), drawn without replacement (partial Fisher-Yates). */
export function sampleWithoutReplacement(n: number, m: number, random: () => number): Int32Array {
  if (m > n) throw new RangeError(`cannot draw ${m} distinct indices from ${n}`);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(random() * (n - i));
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
  }
  return pool.slice(0, m);
}

/** A random permutation of [0, n). */
export function permutation(n: number, random: () => number): Int32Array {
  return sampleWithoutReplacement(n, n, random);
}
