export function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** Mean, sample standard deviation and range (e.g. of one headline number over seeds). */
export function spread(values: readonly number[]): { mean: number; sd: number; min: number; max: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, sd, min: Math.min(...values), max: Math.max(...values) };
}

/** min / median / max of repeated timings (ms) and the rate at the median, for `items` per timing. */
export function rateSummary(items: number, times: readonly number[]): { batch: number; repeats: number; ms_min: number; ms_median: number; ms_max: number; per_s: number } {
  const median = medianOf(times);
  const ms = (v: number) => Number(v.toFixed(2));
  return { batch: items, repeats: times.length, ms_min: ms(Math.min(...times)), ms_median: ms(median), ms_max: ms(Math.max(...times)), per_s: Number((items / (median / 1000)).toFixed(1)) };
}

/** Runs `once` warmup + repeats times and returns the repeats' wall times in ms. */
export async function timeRepeats(warmup: number, repeats: number, once: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmup + repeats; i++) {
    const t0 = performance.now();
    await once(i);
    if (i >= warmup) times.push(performance.now() - t0);
  }
  return times;
}
