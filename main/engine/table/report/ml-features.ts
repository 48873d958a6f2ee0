/**
 * Design matrices for the ML-efficacy models. An encoder is fitted on one training table (real
 * or synthetic: each model gets its own, so nothing of the real data leaks into the synthetic
 * model) and then applied to that table and to the real hold-out:
 * - numeric / datetime columns: standardised with the training mean and standard deviation
 *   (std 0 -> 1), missing -> the training mean (so 0), clipped to [-10, 10] so a wild value in
 *   the hold-out cannot dominate a linear model;
 * - categorical / boolean columns: one-hot over the training's `maxCategories` most frequent
 *   categories plus a 'missing' indicator; rarer or unseen categories encode as all zeros.
 */
import type { CellValue, ColumnSchema } from '../../../../shared/tabular-schema';
import { categoryCell, isNumericType, numericCell } from './common';

type Row = readonly CellValue[];

interface NumericPart {
  readonly kind: 'numeric';
  readonly column: number;
  readonly offset: number;
  readonly mean: number;
  readonly std: number;
}

interface CategoricalPart {
  readonly kind: 'categorical';
  readonly column: number;
  readonly offset: number;
  /** Category -> slot after offset; the slot `size` is 'missing'. */
  readonly slots: Map<string, number>;
  readonly size: number;
}

export interface FeatureEncoder {
  /** Width of an encoded row. */
  readonly dim: number;
  /** Row-major [rows.length x dim] design matrix. */
  encode(rows: readonly Row[]): Float64Array;
}

const CLIP = 10;

/** Fits on `rows` (cells in `columns` order), encoding the columns at indices `predictors`. */
export function fitFeatureEncoder(
  columns: readonly ColumnSchema[],
  predictors: readonly number[],
  rows: readonly Row[],
  maxCategories = 20,
): FeatureEncoder {
  const parts: (NumericPart | CategoricalPart)[] = [];
  let offset = 0;
  for (const j of predictors) {
    const col = columns[j]!;
    if (isNumericType(col.type)) {
      let n = 0;
      let s = 0;
      let ss = 0;
      for (const row of rows) {
        const v = numericCell(row[j]);
        if (v === null) continue;
        n++;
        s += v;
      }
      const mean = n > 0 ? s / n : 0;
      for (const row of rows) {
        const v = numericCell(row[j]);
        if (v !== null) ss += (v - mean) * (v - mean);
      }
      const std = n > 1 ? Math.sqrt(ss / n) : 0;
      parts.push({ kind: 'numeric', column: j, offset, mean, std: std > 0 ? std : 1 });
      offset += 1;
    } else {
      const counts = new Map<string, number>();
      for (const row of rows) {
        const c = categoryCell(row[j]);
        if (c !== null) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      const top = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, maxCategories);
      const slots = new Map(top.map(([c], k) => [c, k] as const));
      parts.push({ kind: 'categorical', column: j, offset, slots, size: slots.size });
      offset += slots.size + 1;
    }
  }
  const dim = offset;
  return {
    dim,
    encode(input) {
      const out = new Float64Array(input.length * dim);
      input.forEach((row, i) => {
        const base = i * dim;
        for (const p of parts) {
          if (p.kind === 'numeric') {
            const v = numericCell(row[p.column]);
            const z = v === null ? 0 : (v - p.mean) / p.std;
            out[base + p.offset] = Math.max(-CLIP, Math.min(CLIP, z));
          } else {
            const c = categoryCell(row[p.column]);
            if (c === null) out[base + p.offset + p.size] = 1;
            else {
              const k = p.slots.get(c);
              if (k !== undefined) out[base + p.offset + k] = 1;
            }
          }
        }
      });
      return out;
    },
  };
}
