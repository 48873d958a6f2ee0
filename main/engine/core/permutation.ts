/**
 * Seeded permutations of 0..n-1 that need no n-entry array: dSprites maps its dataset index to a
 * grid combination through one, and BatchStream uses one per epoch when the dataset is huge.
 *
 * A balanced Feistel network on the smallest even number of bits covering n is a bijection on
 * 0..2^bits-1 for any round function; "cycle walking" (re-encrypt while the result is >= n) turns
 * it into a bijection on 0..n-1. Since 2^bits < 4n, a walk takes fewer than 4 steps on average.
 * Unlike an affine map (a*i + b mod n), neighbouring indices land far apart in no fixed pattern.
 */

/** A 32-bit integer hash (murmur3's finaliser): good avalanche, cheap. */
export function hash32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Derives an independent 32-bit seed from a seed and a stream number (epoch, purpose, ...). */
export function mixSeed(seed: number, stream: number): number {
  return hash32((hash32(seed) ^ hash32((stream + 0x9e3779b9) >>> 0)) + 0x632be5ab);
}

const ROUNDS = 6;

/**
 * Returns p with p a bijection of 0..n-1 onto itself, fixed by (n, seed). n must be an integer
 * in 0..2^31. p(i) for i outside 0..n-1 throws.
 */
export function createPermutation(n: number, seed: number): (index: number) => number {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31) throw new RangeError(`permutation size must be an integer in 0..2^31, got ${n}`);
  const check = (index: number): void => {
    if (!Number.isInteger(index) || index < 0 || index >= n) throw new RangeError(`index ${index} outside 0..${n - 1}`);
  };
  if (n <= 1) {
    return (index) => {
      check(index);
      return index;
    };
  }
  let bits = Math.max(2, Math.ceil(Math.log2(n)));
  if (bits % 2 === 1) bits += 1;
  const half = bits / 2;
  const mask = half >= 32 ? 0xffffffff : (2 ** half - 1) >>> 0;
  const keys = new Uint32Array(ROUNDS);
  for (let r = 0; r < ROUNDS; r++) keys[r] = mixSeed(seed, 0x5eed + r);

  const encrypt = (x: number): number => {
    let left = Math.floor(x / 2 ** half) >>> 0;
    let right = (x % 2 ** half) >>> 0;
    for (let r = 0; r < ROUNDS; r++) {
      const f = hash32((right ^ (keys[r] ?? 0)) >>> 0) & mask;
      const next = (left ^ f) >>> 0;
      left = right;
      right = next;
    }
    return left * 2 ** half + right;
  };

  return (index) => {
    check(index);
    let x = encrypt(index);
    while (x >= n) x = encrypt(x);
    return x;
  };
}
