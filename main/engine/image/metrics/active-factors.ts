/**
 * Which stage-1 code dimensions the model uses, from the mean KL(q(c_k|x) || N(0, 1)) per dim.
 *
 * Rule: dim k is active when KL_k > max(ACTIVE_MIN_NATS, ACTIVE_FRACTION * max_j KL_j).
 * - Absolute floor, 0.1 nats: the mean KL bounds the information a dim carries about the image
 *   (E_x KL(q(c_k|x) || p) = I(x; c_k) + KL(q(c_k) || p) >= I(x; c_k)). Under 0.1 nats a dim
 *   holds less than a seventh of one fair binary choice (log 2 = 0.69 nats): too little to be a
 *   factor. An untrained encoder (every dim ~0.08 nats) has none active.
 * - Relative floor, 1/20 of the largest: beta-TCVAE's unused dims drift a little above any fixed
 *   floor as training goes on while used ones reach several nats (dSprites' positions carry up
 *   to log 32 = 3.5 nats); a dim with under 5% of the best dim's information is a leftover,
 *   while even a 3-way factor (shape, log 3 = 1.1 nats) stays far above 5% of the largest.
 * The rule is one number per run, so the job output keeps a single `activeThreshold`.
 */
export const ACTIVE_MIN_NATS = 0.1;
export const ACTIVE_FRACTION = 0.05;

/** The KL (nats) a dim must exceed to count as active. */
export function activeThreshold(klPerDim: readonly number[]): number {
  const largest = klPerDim.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), 0);
  return Math.max(ACTIVE_MIN_NATS, ACTIVE_FRACTION * largest);
}

/** Indices of the active dims, in order. */
export function activeDims(klPerDim: readonly number[]): number[] {
  const threshold = activeThreshold(klPerDim);
  return klPerDim.flatMap((v, k) => (v > threshold ? [k] : []));
}
