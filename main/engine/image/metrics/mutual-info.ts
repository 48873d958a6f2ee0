/**
 * Discrete mutual information and entropy, in nats, as disentanglement_lib computes them
 * (evaluation/metrics/utils.py: `_histogram_discretize`, `discrete_mutual_info`,
 * `discrete_entropy`, which call sklearn.metrics.mutual_info_score).
 */

/** disentanglement_lib's default number of equal-width bins per code dimension. */
export const DEFAULT_BINS = 20;

/**
 * Equal-width histogram discretisation of one column, like
 * `np.digitize(x, np.histogram(x, bins)[1][:-1])`: edges = linspace(min, max, bins + 1), and a
 * value's bin is the number of left edges <= it. Labels here are 0-based (0 .. bins-1) where
 * numpy's are 1-based; mutual information does not depend on label names. Edges are float64
 * (numpy may use float32 for float32 input: values lying exactly on an edge can differ).
 * A constant column gets a single label, as np.histogram's (min - 0.5, max + 0.5) range gives.
 */
export function histogramDiscretize(values: ArrayLike<number>, bins: number = DEFAULT_BINS): Int32Array {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const n = values.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`cannot discretise a non-finite value (${v}) at row ${i}`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const labels = new Int32Array(n);
  if (n === 0 || hi === lo) return labels;
  // numpy.linspace: edge_i = lo + i * ((hi - lo) / bins).
  const step = (hi - lo) / bins;
  const edges = new Float64Array(bins);
  for (let i = 0; i < bins; i++) edges[i] = lo + i * step;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let k = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / step)));
    // Correct the arithmetic guess against the actual edges (np.digitize compares with them).
    while (k + 1 < bins && edges[k + 1]! <= v) k++;
    while (k > 0 && edges[k]! > v) k--;
    labels[i] = k;
  }
  return labels;
}

/** Discretise each column of a row-major [n x d] matrix; returns d label arrays of length n. */
export function discretizeColumns(matrix: ArrayLike<number>, n: number, d: number, bins: number = DEFAULT_BINS): Int32Array[] {
  if (matrix.length < n * d) throw new RangeError(`matrix has ${matrix.length} values, expected ${n} x ${d}`);
  const columns: Int32Array[] = [];
  const column = new Float64Array(n);
  for (let k = 0; k < d; k++) {
    for (let i = 0; i < n; i++) column[i] = matrix[i * d + k]!;
    columns.push(histogramDiscretize(column, bins));
  }
  return columns;
}

/** Column j of a row-major [n x f] integer matrix. */
export function intColumn(matrix: Int32Array, n: number, f: number, j: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = matrix[i * f + j]!;
  return out;
}

/** Map arbitrary integer labels to dense 0..k-1 indices (first-seen order); returns [indices, k]. */
function denseLabels(labels: Int32Array): [Int32Array, number] {
  const index = new Map<number, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    let k = index.get(label);
    if (k === undefined) {
      k = index.size;
      index.set(label, k);
    }
    out[i] = k;
  }
  return [out, index.size];
}

/**
 * Mutual information of two labelings in nats, exactly as sklearn.metrics.mutual_info_score:
 * from the contingency table, sum over non-empty cells of (n_ij / N) log(N n_ij / (a_i b_j));
 * 0 when either side has a single label; clipped at 0.
 */
export function mutualInfo(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length) throw new RangeError(`label arrays differ in length: ${a.length} vs ${b.length}`);
  const n = a.length;
  if (n === 0) return 0;
  const [ia, ka] = denseLabels(a);
  const [ib, kb] = denseLabels(b);
  if (ka === 1 || kb === 1) return 0;
  const rowSums = new Float64Array(ka);
  const colSums = new Float64Array(kb);
  for (let i = 0; i < n; i++) {
    rowSums[ia[i]!]! += 1;
    colSums[ib[i]!]! += 1;
  }
  // Dense table when small (the usual 20 bins x a few factor values), sparse map otherwise.
  const cells = new Map<number, number>();
  let dense: Float64Array | undefined;
  if (ka * kb <= 1 << 22) {
    dense = new Float64Array(ka * kb);
    for (let i = 0; i < n; i++) dense[ia[i]! * kb + ib[i]!]! += 1;
  } else {
    for (let i = 0; i < n; i++) {
      const key = ia[i]! * kb + ib[i]!;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
  }
  const logN = Math.log(n);
  let mi = 0;
  const add = (key: number, count: number): void => {
    const r = Math.floor(key / kb);
    const c = key - r * kb;
    mi += (count / n) * (Math.log(count) + logN - Math.log(rowSums[r]!) - Math.log(colSums[c]!));
  };
  if (dense) {
    for (let key = 0; key < dense.length; key++) if (dense[key]! > 0) add(key, dense[key]!);
  } else {
    for (const [key, count] of cells) add(key, count);
  }
  return Math.max(0, mi);
}

/**
 * Entropy of a labeling in nats. disentanglement_lib's `discrete_entropy` is
 * mutual_info_score(y, y), which equals -sum p log p (0 for a single label).
 */
export function entropy(labels: Int32Array): number {
  const n = labels.length;
  if (n === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
  if (counts.size === 1) return 0;
  let h = 0;
  for (const count of counts.values()) {
    const p = count / n;
    h -= p * Math.log(p);
  }
  return Math.max(0, h);
}
