/**
 * One column's statistics, gathered cell by cell in a single streaming pass with bounded memory:
 * missing count, distinct values (exact up to a cap, then sketched), running numeric and datetime
 * stats (Welford), and the first few cells that break each candidate type (to name them in
 * warnings). Schema inference decides the column's type from this alone.
 */
import { cleanCell, detachString, isMissing, parseNumber } from '../reading/cells';
import { parseDatetime } from './datetime';
import { DistinctCounter } from './distinct-counter';

/** Distinct values kept exactly per column; past this the column cannot be categorical. */
export const DISTINCT_CAP = 1000;
const EXAMPLES = 20;

export interface CellExample {
  readonly row: number;
  readonly value: string;
}

/** Welford running mean / variance with min and max. */
export class RunningStats {
  count = 0;
  mean = 0;
  private m2 = 0;
  min = Infinity;
  max = -Infinity;

  add(x: number): void {
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Population standard deviation (0 for fewer than two values). */
  get std(): number {
    return this.count > 1 ? Math.sqrt(this.m2 / this.count) : 0;
  }
}

export class ColumnProfile {
  missing = 0;
  /** Missing token -> cells (only MISSING_TOKENS' few spellings, so it stays small). */
  readonly missingTokens = new Map<string, number>();
  nonMissing = 0;
  readonly distinct = new DistinctCounter(DISTINCT_CAP);

  readonly numbers = new RunningStats();
  integers = 0;
  maxDecimals = 0;
  /** Integer values so far strictly increasing in file order (an id sequence). */
  increasing = true;
  private lastNumber = -Infinity;
  readonly nonNumeric: CellExample[] = [];

  readonly dates = new RunningStats();
  /** Datetime format -> count (few formats per column; capped anyway). */
  readonly dateFormats = new Map<string, number>();
  readonly nonDate: CellExample[] = [];

  constructor(readonly name: string) {}

  add(raw: string, row: number): void {
    const cell = cleanCell(raw);
    if (isMissing(cell)) {
      this.missing++;
      this.missingTokens.set(cell, (this.missingTokens.get(cell) ?? 0) + 1);
      return;
    }
    this.nonMissing++;
    this.distinct.add(cell);

    const num = parseNumber(cell);
    if (num !== null) {
      this.numbers.add(num.value);
      if (num.integer) this.integers++;
      if (num.decimals > this.maxDecimals) this.maxDecimals = num.decimals;
      if (num.value <= this.lastNumber) this.increasing = false;
      this.lastNumber = num.value;
    } else if (this.nonNumeric.length < EXAMPLES) {
      this.nonNumeric.push({ row, value: detachString(cell) });
    }

    // Dates start with 4 digits; skip the regex for everything else (most cells).
    const first = cell.charCodeAt(0);
    const date = first >= 48 && first <= 57 && cell.length >= 10 ? parseDatetime(cell) : null;
    if (date !== null) {
      this.dates.add(date.ms);
      const n = this.dateFormats.get(date.format);
      if (n !== undefined) this.dateFormats.set(date.format, n + 1);
      else if (this.dateFormats.size < 32) this.dateFormats.set(date.format, 1);
    } else if (this.nonDate.length < EXAMPLES) {
      this.nonDate.push({ row, value: detachString(cell) });
    }
  }

  get nonNumericCount(): number {
    return this.nonMissing - this.numbers.count;
  }

  get nonDateCount(): number {
    return this.nonMissing - this.dates.count;
  }
}
