/**
 * Privacy: distance to closest record (DCR), in the spirit of SDMetrics' DCRBaselineProtection /
 * DCROverfittingProtection (docs.sdv.dev/sdmetrics): for each synthetic row, the distance to its
 * nearest real TRAINING row and to its nearest real HOLD-OUT row. A generator that memorised its
 * training rows puts synthetic rows closer to training than to hold-out rows.
 *
 * Distance (Gower-like, as SDMetrics' DCR metrics): the mean over feature columns of
 * - numeric / datetime: |a - b| / (max - min of the real training column), capped at 1;
 *   a constant training column counts any difference as 1;
 * - categorical / boolean: 0 if equal, else 1;
 * - both missing: 0; one missing, one present: 1.
 *
 * Reported:
 * - share_closer_to_training: the share of synthetic rows whose DCR to training is smaller than
 *   their DCR to hold-out; a tie (e.g. equal distances, or the same row in both) counts half to
 *   each side. If synthetic rows were fresh draws from the real distribution, the expected share is
 *   n_train / (n_train + n_holdout) (the nearest of the pooled rows is equally likely to be any of
 *   them); training rows are subsampled to the hold-out's size, so share_expected is 0.5 (SDMetrics'
 *   DCR baseline compares equal-size sets too). Much above 0.5 suggests memorisation.
 *   The training rows are shuffled and cut into up to `maxRepeats` (10) disjoint hold-out-sized
 *   parts; the share is the mean over the parts (SDMetrics' DCROverfittingProtection averages over
 *   subsample iterations too): with a single part, which training rows land in it moved the share
 *   by +-0.05 on a 250-row table. Given several synthetic draws (independent samples of the same
 *   size from the same model), the share is also averaged over draws, as many as keep the pairwise
 *   work under `maxPairWork` (4e7 row pairs; always at least the first draw).
 * - median DCR to training (first part) and to hold-out (in [0, 1]).
 * - exact_copies: rows of the FIRST synthetic draw whose feature cells all equal those of some
 *   training row (over ALL its rows, never subsampled) and that have a numeric or datetime value present. A row
 *   whose numbers are all missing is one of a handful of category combinations, which a model
 *   that keeps the real missing rate reproduces without having memorised anything (penguins has
 *   two such rows: species and island only); those are counted apart in
 *   exact_copies_without_numbers. A table without numeric columns counts every copy. The same
 *   count against hold-out rows is given for context.
 *
 * Speed: all pairs cost n_synth x n_ref x columns. Above `maxSynthetic` (2,000) synthetic rows or
 * `maxReference` (5,000) training / hold-out rows, a seeded subsample is used and `sampled` says
 * so. Columns are pre-encoded into typed arrays and a candidate is abandoned once its partial
 * distance cannot beat the best so far.
 */
import type { CellValue } from '../../../../shared/tabular-schema';
import { mulberry32, sampleWithoutReplacement } from '../../core/seeded-rng';
import { runToEnd, type Steps } from '../../core/steps';
import { asDraws, capRows, categoryCell, isNumericType, median, numericCell, type FeatureTable } from './common';
import type { PrivacyResult, PrivacySkipped } from '../../../../shared/table-report';

// The report's shapes are declared in shared/ (they cross the process boundary as the job's output).
export type { PrivacyResult, PrivacySkipped };

type Row = readonly CellValue[];

export interface PrivacyOptions {
  readonly seed?: number;
  readonly maxSynthetic?: number;
  readonly maxReference?: number;
  readonly maxRepeats?: number;
  readonly maxPairWork?: number;
}

/** Cells normalised for equality (numbers by value, categories by label, missing as null). */
function rowKey(row: Row, numeric: readonly boolean[]): string {
  return JSON.stringify(numeric.map((isNum, j) => (isNum ? numericCell(row[j]) : categoryCell(row[j]))));
}

/** Missing numeric cells become a value far from any real one, so |a - b| caps at 1. */
const MISSING = 1e15;
const LIMIT = 1e9;

interface Encoded {
  readonly n: number;
  readonly num: Float64Array; // n x numericCount, scaled by 1 / range
  readonly cat: Int32Array; // n x categoricalCount, codes; -1 = missing
}

function encoder(training: FeatureTable): (rows: readonly Row[]) => Encoded {
  const cols = training.columns;
  const numIdx = cols.map((c, j) => (isNumericType(c.type) ? j : -1)).filter((j) => j >= 0);
  const catIdx = cols.map((c, j) => (isNumericType(c.type) ? -1 : j)).filter((j) => j >= 0);
  const lo: number[] = [];
  const inv: number[] = [];
  for (const j of numIdx) {
    let min = Infinity;
    let max = -Infinity;
    for (const row of training.rows) {
      const v = numericCell(row[j]);
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    lo.push(Number.isFinite(min) ? min : 0);
    // Constant or empty column: any difference counts fully (capped at 1).
    inv.push(max > min ? 1 / (max - min) : 1e12);
  }
  const dictionaries = catIdx.map(() => new Map<string, number>());
  return (rows) => {
    const n = rows.length;
    const num = new Float64Array(n * numIdx.length);
    const cat = new Int32Array(n * catIdx.length);
    rows.forEach((row, i) => {
      numIdx.forEach((j, c) => {
        const v = numericCell(row[j]);
        num[i * numIdx.length + c] = v === null ? MISSING : Math.max(-LIMIT, Math.min(LIMIT, (v - lo[c]!) * inv[c]!));
      });
      catIdx.forEach((j, c) => {
        const label = categoryCell(row[j]);
        if (label === null) {
          cat[i * catIdx.length + c] = -1;
          return;
        }
        const dict = dictionaries[c]!;
        let code = dict.get(label);
        if (code === undefined) {
          code = dict.size;
          dict.set(label, code);
        }
        cat[i * catIdx.length + c] = code;
      });
    });
    return { n, num, cat };
  };
}

/** Query rows between two pause points: 16 x 5,000 reference rows, a few milliseconds. */
const QUERY_ROWS_PER_STEP = 16;

/**
 * For each query row, the Gower-like distance to its nearest reference row (in [0, 1]); up to
 * 2,000 x 5,000 row pairs per call and (repeats + 1) calls per draw, so it pauses every
 * QUERY_ROWS_PER_STEP query rows (core/steps.ts).
 */
function* nearestDistances(query: Encoded, ref: Encoded, numCount: number, catCount: number): Steps<Float64Array> {
  const out = new Float64Array(query.n);
  for (let i = 0; i < query.n; i++) {
    out[i] = nearestDistance(query, i, ref, numCount, catCount);
    if ((i + 1) % QUERY_ROWS_PER_STEP === 0) yield;
  }
  return out;
}

/** The distance from query row i to its nearest reference row. */
function nearestDistance(query: Encoded, i: number, ref: Encoded, numCount: number, catCount: number): number {
  const columns = numCount + catCount;
  const qn = query.num;
  const qc = query.cat;
  const rn = ref.num;
  const rc = ref.cat;
  const qnBase = i * numCount;
  const qcBase = i * catCount;
  let best = Infinity;
  for (let r = 0; r < ref.n; r++) {
    let d = 0;
    const rnBase = r * numCount;
    for (let c = 0; c < numCount; c++) {
      const diff = Math.abs(qn[qnBase + c]! - rn[rnBase + c]!);
      d += diff < 1 ? diff : 1;
    }
    if (d >= best) continue;
    const rcBase = r * catCount;
    for (let c = 0; c < catCount; c++) {
      if (qc[qcBase + c] !== rc[rcBase + c]) {
        d += 1;
        if (d >= best) break;
      }
    }
    if (d < best) {
      best = d;
      if (best === 0) break;
    }
  }
  return columns > 0 && Number.isFinite(best) ? best / columns : 0;
}

/** Rows between two pause points while keying whole tables. */
const ROWS_PER_STEP = 2000;

/** The set of row keys of `rows`, with a pause point every ROWS_PER_STEP rows (a training table can be large). */
function* keySet(rows: readonly Row[], numeric: readonly boolean[]): Steps<Set<string>> {
  const keys = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    keys.add(rowKey(rows[i]!, numeric));
    if ((i + 1) % ROWS_PER_STEP === 0) yield;
  }
  return keys;
}

/**
 * DCR of synthetic rows to the real training and hold-out rows (tables aligned to the same
 * feature columns). `synthetic` is one table or several draws (the first one counts copies).
 */
export function privacy(training: FeatureTable, syntheticDraws: FeatureTable | readonly FeatureTable[], holdout: FeatureTable, options: PrivacyOptions = {}): PrivacyResult | PrivacySkipped {
  return runToEnd(privacySteps(training, syntheticDraws, holdout, options));
}

/** privacy as steps (core/steps.ts): pauses while keying rows and within every nearest-row search. */
export function* privacySteps(training: FeatureTable, syntheticDraws: FeatureTable | readonly FeatureTable[], holdout: FeatureTable, options: PrivacyOptions = {}): Steps<PrivacyResult | PrivacySkipped> {
  const draws = asDraws(syntheticDraws);
  const synthetic = draws[0]!;
  const seed = options.seed ?? 0;
  const maxSynthetic = options.maxSynthetic ?? 2000;
  const maxReference = options.maxReference ?? 5000;
  if (synthetic.rows.length === 0) return { status: 'skipped', reason: 'no synthetic rows' };
  if (training.rows.length === 0 || holdout.rows.length === 0) return { status: 'skipped', reason: 'DCR needs real training rows and hold-out rows' };
  if (training.columns.length === 0) return { status: 'skipped', reason: 'no feature columns' };

  const numeric = training.columns.map((c) => isNumericType(c.type));
  const trainingKeys = yield* keySet(training.rows, numeric);
  const holdoutKeys = yield* keySet(holdout.rows, numeric);
  const hasNumbers = numeric.some(Boolean);
  let copies = 0;
  let copiesWithoutNumbers = 0;
  let holdoutCopies = 0;
  for (const row of synthetic.rows) {
    const key = rowKey(row, numeric);
    if (trainingKeys.has(key)) {
      if (!hasNumbers || numeric.some((isNum, j) => isNum && numericCell(row[j]) !== null)) copies++;
      else copiesWithoutNumbers++;
    }
    if (holdoutKeys.has(key)) holdoutCopies++;
  }

  // As many training rows as hold-out rows (a seeded sample): then a generator that does not
  // memorise lands near 0.5 whatever the split, and the share can be read against 0.5.
  const ho = capRows(holdout.rows, maxReference, seed + 23);
  const size = ho.rows.length;
  const repeats = Math.max(1, Math.min(options.maxRepeats ?? 10, Math.floor(training.rows.length / size)));
  // A seeded draw in random order: consecutive slices are disjoint random parts.
  const order = sampleWithoutReplacement(training.rows.length, Math.min(training.rows.length, repeats * size), mulberry32(seed + 22));
  const shuffled = Array.from(order, (i) => training.rows[i]!);
  const encode = encoder(training);
  const numCount = numeric.filter(Boolean).length;
  const catCount = numeric.length - numCount;
  const hold = encode(ho.rows);
  const parts = Array.from({ length: repeats }, (_, part) => encode(shuffled.slice(part * size, (part + 1) * size)));

  const perDraw = Math.min(synthetic.rows.length, maxSynthetic) * size * (repeats + 1);
  const used = Math.max(1, Math.min(draws.length, Math.floor((options.maxPairWork ?? 4e7) / Math.max(1, perDraw))));
  const syn = draws.slice(0, used).map((d, k) => capRows(d.rows, maxSynthetic, seed + 21 + 101 * k));
  const shares: number[] = [];
  let firstTrain: Float64Array | null = null;
  let firstHold: Float64Array | null = null;
  for (let k = 0; k < used; k++) {
    const s = encode(syn[k]!.rows);
    const dHold = yield* nearestDistances(s, hold, numCount, catCount);
    firstHold ??= dHold;
    let shareSum = 0;
    for (const part of parts) {
      const dTrain = yield* nearestDistances(s, part, numCount, catCount);
      firstTrain ??= dTrain;
      let closer = 0;
      for (let i = 0; i < s.n; i++) {
        if (dTrain[i]! < dHold[i]!) closer += 1;
        else if (dTrain[i] === dHold[i]) closer += 0.5;
      }
      shareSum += closer / s.n;
    }
    shares.push(shareSum / repeats);
  }
  const trRows = Math.min(size, shuffled.length);
  return {
    status: 'ok',
    distance: 'Gower-like: mean over feature columns of |a-b|/training range (capped at 1) for numeric, 0/1 mismatch for categorical, 1 for missing vs present',
    share_closer_to_training: shares.reduce((a, b) => a + b, 0) / shares.length,
    share_by_draw: shares,
    share_expected: trRows / (trRows + size),
    median_dcr_training: median(firstTrain!) ?? 0,
    median_dcr_holdout: median(firstHold!) ?? 0,
    exact_copies: copies,
    exact_copies_without_numbers: copiesWithoutNumbers,
    exact_copies_of_holdout: holdoutCopies,
    repeats,
    rows: { synthetic: syn[0]!.rows.length, training: trRows, holdout: size, synthetic_draws: used },
    sampled: syn.some((d) => d.sampled) || training.rows.length > size || ho.sampled,
    caps: { synthetic: maxSynthetic, reference: maxReference },
  };
}
