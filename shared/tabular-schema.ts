/**
 * A table's inferred schema: shown to the user, overridable through the API, saved with the
 * model so decoding restores each column exactly (type, categories, bounds, format, missing rate).
 */

export type ColumnType = 'integer' | 'float' | 'categorical' | 'boolean' | 'datetime';

/**
 * The numeric types: integer, float and datetime (compared as epoch ms, as SDMetrics does). The
 * one test behind range conditions (form, service, engine) and the report's numeric metrics.
 */
export function isNumericType(type: ColumnType): boolean {
  return type === 'integer' || type === 'float' || type === 'datetime';
}

/** Why a column is left out of the model. */
export type ExclusionReason = 'identifier' | 'constant' | 'high-cardinality' | 'empty' | 'user';

export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
  /** 'feature': modelled; 'excluded': left out (see reason). */
  readonly role: 'feature' | 'excluded';
  readonly excludedReason?: ExclusionReason;
  /** Cells that were empty / NA / null. */
  readonly missing: number;
  /**
   * How the input spelled its missing cells, token -> cells ('' for empty), so a synthetic
   * table writes them the same way (the most common one; see missingTokenOf). Absent in
   * schemas saved before it existed, which write missing cells empty.
   */
  readonly missingTokens?: Readonly<Record<string, number>>;
  /** Distinct non-missing values seen (capped at distinctCap, then approximate). */
  readonly distinct: number;
  /** Numeric and datetime columns (datetime in epoch ms). */
  readonly min?: number;
  readonly max?: number;
  readonly mean?: number;
  readonly std?: number;
  /** Floats: the most decimals seen (capped at 6), to round synthetic values the same way. */
  readonly decimals?: number;
  /** Categorical and boolean columns: the seen values, most frequent first. */
  readonly categories?: readonly string[];
  /** Boolean columns: the spelling seen for true and false (e.g. 'yes'/'no', 'TRUE'/'FALSE'). */
  readonly booleanLabels?: readonly [string, string];
  /** Datetime columns: the input's format, to write values back the same way (e.g. 'YYYY-MM-DD'). */
  readonly datetimeFormat?: string;
}

/** The token a column's missing cells are written with: its input's most common one ('' if none). */
export function missingTokenOf(column: Pick<ColumnSchema, 'missingTokens'>): string {
  let best = '';
  let most = 0;
  for (const [token, n] of Object.entries(column.missingTokens ?? {})) {
    if (n > most) {
      best = token;
      most = n;
    }
  }
  return best;
}

export interface TableIssue {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** 1-based data row (the header is row 0), when the issue is about one row. */
  readonly row?: number;
  readonly column?: string;
  readonly message: string;
}

export interface TableSchema {
  readonly columns: readonly ColumnSchema[];
  /** Data rows read (not counting the header), and rows skipped with the reason in issues. */
  readonly rowCount: number;
  readonly skippedRows: number;
  readonly issues: readonly TableIssue[];
  /** The delimiter detected (CSV), or 'json'. */
  readonly format: string;
  /** A fingerprint of the source file (sha256 of its bytes). */
  readonly fingerprint: string;
}

/** A cell after typing: numbers (integer, float, datetime as epoch ms), strings (categorical), booleans; null is missing. */
export type CellValue = number | string | boolean | null;

/** A typed table in memory, row-major, columns in schema order. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}
