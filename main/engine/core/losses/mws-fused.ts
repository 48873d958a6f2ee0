/**
 * The minibatch-weighted-sampling TC (beta-tcvae.ts) and its gradient as loops over plain
 * arrays, for the backends whose tensors live in CPU memory (wasm, cpu).
 *
 * Why: as tensor ops the estimate materialises the [B, B, D] pairwise log densities many times
 * (difference, square, scale, two logsumexps with their max and exp, and as many again on the
 * tape). At the table step's B = 256, D = 8 that was 17 ms of a 23 ms step (npm run bench --
 * tabular-step --profile). Here each pairwise value is computed once and exponentiated once
 * (by expNonPositive, twice as fast as Math.exp), and the backward pass reuses the forward's
 * exponentials.
 *
 * Math (c, mu, logvar: [B, D]; iv = exp(-logvar); N the dataset size):
 *   L_ijk = log N(c_ik | mu_jk, exp(logvar_jk)) = -0.5 ((c_ik - mu_jk)^2 iv_jk + logvar_jk + log 2 pi)
 *   S_ij = sum_k L_ijk;  log q(c_i) = lse_j S_ij - log(B N);  log q(c_ik) = lse_j L_ijk - log(B N)
 *   TC = mean_i (log q(c_i) - sum_k log q(c_ik))
 *   dTC/dL_ijk = (P_ij - R_ijk) / B, P = softmax_j S_ij, R = softmax_j L_ijk
 *   dL/dc_ik = -(c_ik - mu_jk) iv_jk;  dL/dmu_jk = (c_ik - mu_jk) iv_jk;  dL/dlogvar_jk = 0.5 (c_ik - mu_jk)^2 iv_jk - 0.5
 * Arithmetic is in doubles; the ops version (float32 throughout) agrees to ~1e-6 relative.
 * Layouts put j innermost ([k][j] for mu and iv, [i][k][j] for the exponentials): every inner
 * loop runs over contiguous memory with c_ik in a register.
 */

const log2Pi = Math.log(2 * Math.PI);

/** 2^-n for n = 0..1074 (down to the smallest subnormal double). */
const powersOfHalf = Float64Array.from({ length: 1075 }, (_, n) => 2 ** -n);
// Taylor coefficients of 2^f = e^(f ln 2), degree 7: on |f| <= 0.5 the error is below 1e-8 relative.
const ln2 = Math.LN2;
const [e1, e2, e3, e4, e5, e6, e7] = [1, 2, 3, 4, 5, 6, 7].map((k) => ln2 ** k / [1, 2, 6, 24, 120, 720, 5040][k - 1]!) as [number, number, number, number, number, number, number];

/**
 * exp(x) for x <= 0 (a logsumexp's shifted values), within 1e-8 relative of Math.exp, about
 * twice as fast: x log2(e) = n + f with n a whole number, |f| <= 0.5; 2^n from a table, 2^f by
 * its Taylor polynomial.
 */
export function expNonPositive(x: number): number {
  const t = x * Math.LOG2E;
  if (t < -1074) return 0;
  if (t > 0) return Math.exp(x);
  const n = Math.floor(t + 0.5);
  const f = t - n;
  return powersOfHalf[-n]! * (1 + f * (e1 + f * (e2 + f * (e3 + f * (e4 + f * (e5 + f * (e6 + f * e7)))))));
}

/** values[j] = exp(values[j] - shift), in place; returns their sum. */
function expShiftedInPlace(values: Float64Array, shift: number): number {
  let sum = 0;
  for (let j = 0; j < values.length; j++) {
    const e = expNonPositive(values[j]! - shift);
    values[j] = e;
    sum += e;
  }
  return sum;
}

/** What the backward pass needs from the forward one. */
export interface MwsForward {
  readonly tc: number;
  readonly b: number;
  readonly d: number;
  readonly c: Float32Array;
  /** mu and exp(-logvar) as [D, B]. */
  readonly muT: Float64Array;
  readonly ivT: Float64Array;
  /** exp(L_ijk - max_j L_ijk), [B, D, B] (i, k, j), and 1 / its sum over j, [B, D]: R = e * inv. */
  readonly e: Float64Array;
  readonly invSumE: Float64Array;
  /** softmax_j S_ij (P), [B, B]. */
  readonly p: Float64Array;
}

/** A max that shifts nothing when every value is -Infinity (lse is then -Infinity, not NaN). */
const shiftOf = (max: number) => (Number.isFinite(max) ? max : 0);

export function mwsForward(c: Float32Array, mu: Float32Array, logvar: Float32Array, b: number, d: number, datasetSize: number): MwsForward {
  const muT = new Float64Array(b * d);
  const ivT = new Float64Array(b * d);
  const constT = new Float64Array(b * d);
  for (let j = 0; j < b; j++) {
    for (let k = 0; k < d; k++) {
      const lv = logvar[j * d + k]!;
      muT[k * b + j] = mu[j * d + k]!;
      ivT[k * b + j] = Math.exp(-lv);
      constT[k * b + j] = -0.5 * (lv + log2Pi);
    }
  }
  const e = new Float64Array(b * d * b);
  const invSumE = new Float64Array(b * d);
  const p = new Float64Array(b * b);
  const logBN = Math.log(b * datasetSize);
  let tc = 0;
  for (let i = 0; i < b; i++) {
    const s = p.subarray(i * b, (i + 1) * b); // S_i., then P_i.
    s.fill(0);
    let logProd = 0;
    for (let k = 0; k < d; k++) {
      const cik = c[i * d + k]!;
      const row = e.subarray((i * d + k) * b, (i * d + k + 1) * b);
      const off = k * b;
      let max = -Infinity;
      for (let j = 0; j < b; j++) {
        const diff = cik - muT[off + j]!;
        const l = constT[off + j]! - 0.5 * diff * diff * ivT[off + j]!;
        row[j] = l;
        s[j] = s[j]! + l;
        if (l > max) max = l;
      }
      const shift = shiftOf(max);
      const sum = expShiftedInPlace(row, shift);
      invSumE[i * d + k] = 1 / sum;
      logProd += Math.log(sum) + shift - logBN;
    }
    let maxS = -Infinity;
    for (let j = 0; j < b; j++) if (s[j]! > maxS) maxS = s[j]!;
    const shift = shiftOf(maxS);
    const sum = expShiftedInPlace(s, shift);
    const inv = 1 / sum;
    for (let j = 0; j < b; j++) s[j]! *= inv;
    tc += Math.log(sum) + shift - logBN - logProd;
  }
  return { tc: tc / b, b, d, c, muT, ivT, e, invSumE, p };
}

/** d(upstream * TC) / d(c, mu, logvar), each [B, D]. */
export function mwsBackward(f: MwsForward, upstream: number): { c: Float32Array; mu: Float32Array; logvar: Float32Array } {
  const { b, d, c, muT, ivT, e, invSumE, p } = f;
  const gc = new Float32Array(b * d);
  const gmuT = new Float64Array(b * d);
  const glvT = new Float64Array(b * d);
  const scale = upstream / b;
  for (let i = 0; i < b; i++) {
    const pi = i * b;
    for (let k = 0; k < d; k++) {
      const cik = c[i * d + k]!;
      const at = (i * d + k) * b;
      const off = k * b;
      const rScale = invSumE[i * d + k]!;
      let gcik = 0;
      for (let j = 0; j < b; j++) {
        const g = scale * (p[pi + j]! - rScale * e[at + j]!);
        const diff = cik - muT[off + j]!;
        const t = g * diff * ivT[off + j]!;
        gcik -= t;
        gmuT[off + j] = gmuT[off + j]! + t;
        glvT[off + j] = glvT[off + j]! + 0.5 * (t * diff - g);
      }
      gc[i * d + k] = gcik;
    }
  }
  const gmu = new Float32Array(b * d);
  const glv = new Float32Array(b * d);
  for (let j = 0; j < b; j++) {
    for (let k = 0; k < d; k++) {
      gmu[j * d + k] = gmuT[k * b + j]!;
      glv[j * d + k] = glvT[k * b + j]!;
    }
  }
  return { c: gc, mu: gmu, logvar: glv };
}
