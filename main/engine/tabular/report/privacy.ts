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
 * - median DCR to training and to hold-out (in [0, 1]).
 * - exact_copies: synthetic rows whose feature cells all equal those of some training row
 *   (over ALL rows, never subsampled), and the same for hold-out rows for context.
 *
 * Speed: all pairs cost n_synth x n_ref x columns. Above `maxSynthetic` (2,000) synthetic rows or
 * `maxReference` (5,000) training / hold-out rows, a seeded subsample is used and `sampled` says
 * so. Columns are pre-encoded into typed arrays and a candidate is abandoned once its partial
 * distance cannot beat the best so far.
 */
import type { CellValue } from '../../../../shared/tabular-schema';
import { capRows, categoryCell, isNumericType, median, numericCell, type FeatureTable } from './common';

type Row = readonly CellValue[];

export interface PrivacyResult {
  readonly status: 'ok';
  readonly distance: string;
  readonly share_closer_to_training: number;
  readonly share_expected: number;
  readonly median_dcr_training: number;
  readonly median_dcr_holdout: number;
  readonly exact_copies: number;
  readonly exact_copies_of_holdout: number;
  /** Rows compared after capping (exact copies use all rows). */
  readonly rows: { readonly synthetic: number; readonly training: number; readonly holdout: number };
  readonly sampled: boolean;
  readonly caps: { readonly synthetic: number; readonly reference: number };
}

export interface PrivacySkipped {
  readonly status: 'skipped';
  readonly reason: string;
}

export interface PrivacyOptions {
  readonly seed?: number;
  readonly maxSynthetic?: number;
  readonly maxReference?: number;
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

/** For each query row, the Gower-like distance to its nearest reference row (in [0, 1]). */
function nearestDistances(query: Encoded, ref: Encoded, numCount: number, catCount: number): Float64Array {
  const columns = numCount + catCount;
  const out = new Float64Array(query.n);
  const qn = query.num;
  const qc = query.cat;
  const rn = ref.num;
  const rc = ref.cat;
  for (let i = 0; i < query.n; i++) {
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
    out[i] = columns > 0 && Number.isFinite(best) ? best / columns : 0;
  }
  return out;
}

/** DCR of synthetic rows to the real training and hold-out rows (tables aligned to the same feature columns). */
export function privacy(training: FeatureTable, synthetic: FeatureTable, holdout: FeatureTable, options: PrivacyOptions = {}): PrivacyResult | PrivacySkipped {
  const seed = options.seed ?? 0;
  const maxSynthetic = options.maxSynthetic ?? 2000;
  const maxReference = options.maxReference ?? 5000;
  if (synthetic.rows.length === 0) return { status: 'skipped', reason: 'no synthetic rows' };
  if (training.rows.length === 0 || holdout.rows.length === 0) return { status: 'skipped', reason: 'DCR needs real training rows and hold-out rows' };
  if (training.columns.length === 0) return { status: 'skipped', reason: 'no feature columns' };

  const numeric = training.columns.map((c) => isNumericType(c.type));
  const trainingKeys = new Set(training.rows.map((r) => rowKey(r, numeric)));
  const holdoutKeys = new Set(holdout.rows.map((r) => rowKey(r, numeric)));
  let copies = 0;
  let holdoutCopies = 0;
  for (const row of synthetic.rows) {
    const key = rowKey(row, numeric);
    if (trainingKeys.has(key)) copies++;
    if (holdoutKeys.has(key)) holdoutCopies++;
  }

  const syn = capRows(synthetic.rows, maxSynthetic, seed + 21);
  // As many training rows as hold-out rows (a seeded sample): then a generator that does not
  // memorise lands near 0.5 whatever the split, and the share can be read against 0.5.
  const ho = capRows(holdout.rows, maxReference, seed + 23);
  const tr = capRows(training.rows, ho.rows.length, seed + 22);
  const encode = encoder(training);
  const numCount = numeric.filter(Boolean).length;
  const catCount = numeric.length - numCount;
  const s = encode(syn.rows);
  const dTrain = nearestDistances(s, encode(tr.rows), numCount, catCount);
  const dHold = nearestDistances(s, encode(ho.rows), numCount, catCount);

  let closer = 0;
  for (let i = 0; i < s.n; i++) {
    if (dTrain[i]! < dHold[i]!) closer += 1;
    else if (dTrain[i] === dHold[i]) closer += 0.5;
  }
  return {
    status: 'ok',
    distance: 'Gower-like: mean over feature columns of |a-b|/training range (capped at 1) for numeric, 0/1 mismatch for categorical, 1 for missing vs present',
    share_closer_to_training: closer / s.n,
    share_expected: tr.rows.length / (tr.rows.length + ho.rows.length),
    median_dcr_training: median(dTrain) ?? 0,
    median_dcr_holdout: median(dHold) ?? 0,
    exact_copies: copies,
    exact_copies_of_holdout: holdoutCopies,
    rows: { synthetic: s.n, training: tr.rows.length, holdout: ho.rows.length },
    sampled: syn.sampled || tr.sampled || ho.sampled,
    caps: { synthetic: maxSynthetic, reference: maxReference },
  };
}
