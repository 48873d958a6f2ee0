/**
 * What a read does with each row, whatever the file format: validate the header, skip (and
 * report) rows of the wrong width, feed every cell to its column's profile, keep a reservoir
 * sample of rows; at the end, decide the schema and type the sampled rows.
 */
import type { Table, TableSchema } from '../../../../shared/tabular-schema';
import { cleanCell } from './cells';
import { ColumnProfile } from '../schema/column-profile';
import { decideColumn } from '../schema/infer-schema';
import type { ColumnOverride } from '../schema/overrides';
import { IssueLog } from './issues';
import { Reservoir } from './reservoir';
import { makeCellTyper } from './type-cells';

/** More columns than this is not a table to model (and would make a schema too big to show). */
export const MAX_COLUMNS = 5000;
/** Longer cells are free text or a mistake (a missing quote swallowing the file): read as missing. */
export const MAX_CELL_CHARS = 10_000;
const MAX_NAME_CHARS = 1000;
/**
 * Cells (kept rows x columns) a training read may keep. The kept sample costs ~20 bytes a cell
 * once typed (measured: 100,000 x 50 numbers), several times that while it is still text, and the
 * encoded copies and the training tensors come on top; 25 million cells keeps all of that within
 * the compute process's ~4 GB V8 heap. That is the default 200,000 rows x 125 columns, or
 * 5,000,000 rows x 5 columns. Reading the schema alone keeps no rows, so any file can be inspected.
 */
export const MAX_KEPT_CELLS = 25_000_000;

export class TableBuilder {
  readonly issues: IssueLog;
  private profiles: ColumnProfile[] = [];
  private readonly reservoir: Reservoir;
  rowCount = 0;
  skippedRows = 0;

  constructor(
    readonly file: string,
    private readonly maxRows: number,
    seed: number,
    private readonly maxCells = MAX_KEPT_CELLS,
  ) {
    this.issues = new IssueLog(file);
    this.reservoir = new Reservoir(maxRows, seed);
  }

  get width(): number {
    return this.profiles.length;
  }

  /** The header's (trimmed) name of column j. */
  columnName(j: number): string {
    return this.profiles[j]?.name ?? `#${j + 1}`;
  }

  /** Column names, trimmed; empty or duplicate names stop the read (the columns can't be told apart). */
  header(raw: readonly string[]): void {
    if (raw.length > MAX_COLUMNS) {
      throw new Error(`${this.file}: the header has ${raw.length} columns; at most ${MAX_COLUMNS} are supported (leave out the columns you do not need)`);
    }
    const names = raw.map(cleanCell);
    const long = names.findIndex((name) => name.length > MAX_NAME_CHARS);
    if (long >= 0) {
      throw new Error(`${this.file}: the header's column name at position ${long + 1} is ${names[long]!.length} characters long; at most ${MAX_NAME_CHARS} are supported`);
    }
    const at = new Map<string, number>();
    names.forEach((name, i) => {
      if (name === '') {
        const prev = i > 0 ? ` (after '${names[i - 1]}')` : '';
        throw new Error(`${this.file}: the header has an empty column name at position ${i + 1}${prev}; every column needs a name`);
      }
      const first = at.get(name);
      if (first !== undefined) {
        throw new Error(`${this.file}: the header names column '${name}' twice (positions ${first + 1} and ${i + 1}); column names must be unique`);
      }
      at.set(name, i);
    });
    this.profiles = names.map((name) => new ColumnProfile(name));
  }

  /** A data row; row is its 1-based number (header = 0). */
  row(cells: readonly string[], row: number): void {
    const width = this.profiles.length;
    if (cells.length !== width) {
      this.skip(row, `row ${row} has ${cells.length} ${cells.length === 1 ? 'field' : 'fields'}, expected ${width} as in the header; the row is skipped`, 'ragged', 'row-width');
      return;
    }
    this.rowCount++;
    this.checkBudget();
    const kept = this.dropLongCells(cells, row);
    for (let j = 0; j < width; j++) this.profiles[j]!.add(kept[j]!, row);
    this.reservoir.add(kept);
  }

  /** Stops the read as soon as the rows kept so far no longer fit the cell budget, naming both. */
  private checkBudget(): void {
    const width = this.profiles.length;
    if (this.rowCount > this.maxRows || this.rowCount * width <= this.maxCells) return;
    const fits = Math.floor(this.maxCells / width);
    const n = (x: number): string => x.toLocaleString('en-US');
    throw new Error(
      `${this.file}: too big to train on: at least ${n(this.rowCount)} rows x ${n(width)} columns (${n(this.rowCount * width)} cells) would be kept, ` +
        `with up to ${n(this.maxRows)} rows asked for; at most ${n(this.maxCells)} cells fit in memory. ` +
        `Set the row limit to ${n(fits)} or fewer, or leave out columns`,
    );
  }

  private dropLongCells(cells: readonly string[], row: number): readonly string[] {
    if (!cells.some((cell) => cell.length > MAX_CELL_CHARS)) return cells;
    return cells.map((cell, j) => {
      if (cell.length <= MAX_CELL_CHARS) return cell;
      const column = this.profiles[j]!.name;
      this.issues.add(`long:${column}`, {
        severity: 'warning',
        row,
        column,
        message: `column '${column}' row ${row}: a cell of ${cell.length} characters (more than ${MAX_CELL_CHARS}); the cell is read as missing`,
      });
      return '';
    });
  }

  skip(row: number, message: string, kind = 'skipped', label = kind): void {
    this.skippedRows++;
    this.issues.add(kind, { severity: 'warning', row, message }, label);
  }

  finish(format: string, fingerprint: string, overrides: readonly ColumnOverride[] = []): { schema: TableSchema; table: Table } {
    if (this.rowCount === 0) {
      if (this.skippedRows === 0) throw new Error(`${this.file}: the file has a header but no data rows`);
      const first = this.issues.list()[0];
      throw new Error(`${this.file}: none of the ${this.skippedRows} data rows could be read${first === undefined ? '' : ` (${first.message})`}`);
    }
    const byName = new Map(overrides.map((o) => [o.column, o]));
    for (const o of overrides) {
      if (!this.profiles.some((p) => p.name === o.column)) throw new Error(`${this.file}: override for unknown column '${o.column}'`);
    }
    const columns = this.profiles.map((p) => decideColumn(p, this.issues, byName.get(p.name)));
    const typers = columns.map(makeCellTyper);
    const rows = this.reservoir.take().map((cells) => typers.map((type, j) => type(cells[j] ?? '')));
    const schema: TableSchema = {
      columns,
      rowCount: this.rowCount,
      skippedRows: this.skippedRows,
      issues: this.issues.list(),
      format,
      fingerprint,
    };
    return { schema, table: { columns: columns.map((c) => c.name), rows } };
  }
}
