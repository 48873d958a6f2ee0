/**
 * Reading a CSV or JSON table for training: one streaming pass that infers the schema (see
 * infer-schema.ts for the rules) and keeps a seeded reservoir sample of at most maxRows rows,
 * typed per the schema, as the training table. Memory is bounded by the sample, one parser chunk
 * and ~1000 distinct values per column, whatever the file's length.
 *
 * Files: .json = one array of records (read whole, capped); anything else = delimited text, with
 * the delimiter detected among , ; TAB | from the first records, double-quoted fields (which may
 * hold delimiters, quotes as "" and newlines), UTF-8 with or without a BOM.
 * Rows are numbered from 1 after the header (blank lines count), as a spreadsheet shows them.
 * Blank lines are ignored with one warning (in a one-column file they are missing cells);
 * rows with the wrong number of fields are skipped, counted (schema.skippedRows) and reported.
 * A quote that is never closed ends the read ("unterminated quote starting near row N"): the
 * rest of the file would be one cell, so nothing after it could be trusted.
 *
 * Overrides (type, role) are applied while reading: pass options.overrides and the column is
 * rebuilt from the full statistics (categories, bounds, format) and the sample typed to match.
 * applySchemaOverrides (schema/overrides.ts) handles role changes and simple retypes without a re-read.
 */
import { extname } from 'node:path';

import type { Table, TableSchema } from '../../../../shared/tabular-schema';
import { streamCsv, detectDelimiter } from './csv-source';
import type { ColumnOverride } from '../schema/overrides';
import { DEFAULT_MAX_JSON_BYTES, readJsonRecords } from './json-source';
import { TableBuilder } from './table-builder';
import { readHead } from './text-file';

export { applySchemaOverrides, type ColumnOverride } from '../schema/overrides';
export { retypeTable } from './type-cells';

export const DEFAULT_MAX_ROWS = 200_000;

export interface ReadTableOptions {
  /** Rows kept for training (a uniform, seeded sample when the file has more). Default 200,000. */
  readonly maxRows?: number;
  /** Seed of the sample. Default 0. */
  readonly seed?: number;
  /** Called as the read goes, with the data rows read so far. */
  readonly onProgress?: (rowsRead: number) => void;
  /** User choices of type / role per column, applied while reading. */
  readonly overrides?: readonly ColumnOverride[];
  /** Kept rows x columns above this stop the read with a message (default MAX_KEPT_CELLS, see table-builder.ts). */
  readonly maxCells?: number;
  /** JSON files above this size are refused. Default 512 MB. */
  readonly maxJsonBytes?: number;
}

export interface ReadTableResult {
  readonly schema: TableSchema;
  readonly table: Table;
}

const isBlank = (cells: readonly string[]): boolean => cells.length === 1 && (cells[0] ?? '').trim() === '';

export async function readTableSource(file: string, options: ReadTableOptions = {}): Promise<ReadTableResult> {
  const maxRows = Math.max(0, Math.floor(options.maxRows ?? DEFAULT_MAX_ROWS));
  const builder = new TableBuilder(file, maxRows, options.seed ?? 0, options.maxCells);
  const head = await readHead(file);
  const json = extname(file).toLowerCase() === '.json' || (extname(file) === '' && /^\s*\[/.test(head.text));

  if (json) {
    const records = await readJsonRecords(file, head.size, options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES);
    builder.header(records.columns);
    let read = 0;
    for (const { index, cells, skipped } of records.rows) {
      if (cells === null) builder.skip(index, skipped ?? `record ${index} is not an object`, 'record', 'non-object record');
      else builder.row(cells, index);
      if (++read % 10_000 === 0) options.onProgress?.(read);
    }
    options.onProgress?.(builder.rowCount);
    return builder.finish('json', records.fingerprint, options.overrides);
  }

  const delimiter = detectDelimiter(head.text, head.complete);
  let sawHeader = false;
  let headerIndex = 0;
  const rowOf = (index: number): string => (sawHeader ? `row ${index - headerIndex}` : 'the header');
  const unterminated = (index: number, how: string): Error =>
    new Error(`${file}: unterminated quote starting near ${rowOf(index)}: a field opened with " is never closed (${how}); close the quote, or remove it`);
  // Blank lines wait until a data row follows: trailing newlines at the end are not rows.
  let pendingBlank: number[] = [];
  let blankLines = 0;
  // The first cell holding U+FFFD once the decoder has replaced invalid UTF-8 (cells are only
  // searched from then on, so a clean file costs nothing).
  let searchReplaced = false;
  let replaced: { row: number; column: string } | null = null;
  const { fingerprint, invalidUtf8At } = await streamCsv(file, delimiter, {
    record(cells, index) {
      if (!sawHeader) {
        if (isBlank(cells)) return; // blank lines before the header
        builder.header(cells);
        sawHeader = true;
        headerIndex = index;
        return;
      }
      const row = index - headerIndex;
      if (isBlank(cells)) {
        pendingBlank.push(row);
        return;
      }
      for (const blankRow of pendingBlank) {
        if (builder.width === 1) builder.row([''], blankRow);
        else blankLines++;
      }
      pendingBlank = [];
      if (searchReplaced && replaced === null) {
        const column = cells.findIndex((cell) => cell.includes('\uFFFD'));
        if (column >= 0) replaced = { row, column: builder.columnName(column) };
      }
      builder.row(cells, row);
    },
    invalidUtf8() {
      searchReplaced = true;
    },
    parseError(index, message, code) {
      if (code === 'MissingQuotes') throw unterminated(index, 'it runs to the end of the file');
      builder.issues.add('quotes', { severity: 'warning', row: index - headerIndex, message: `row ${index - headerIndex}: ${message}` }, 'quoting');
    },
    openRecord(index, megabytes) {
      throw unterminated(index, `the record runs on for more than ${megabytes} MB`);
    },
    progress() {
      options.onProgress?.(builder.rowCount + builder.skippedRows);
    },
  });
  if (!sawHeader) throw new Error(`${file}: the file is empty`);
  if (blankLines > 0) builder.issues.add('blank', { severity: 'warning', message: `${blankLines} blank lines were ignored` });
  if (invalidUtf8At !== null) {
    // Set in the record callback, which TypeScript's narrowing does not follow.
    const cell = replaced as { row: number; column: string } | null;
    const at = cell ? `row ${cell.row}, column '${cell.column}'` : `near byte ${invalidUtf8At}`;
    builder.issues.add('utf8', {
      severity: 'warning',
      ...(cell ? { row: cell.row, column: cell.column } : {}),
      message: `bytes that are not valid UTF-8 (first at ${at}) were replaced by '\uFFFD'; save the file as UTF-8`,
    });
  }
  return builder.finish(delimiter, fingerprint, options.overrides);
}

/** The schema alone (no training sample kept). */
export async function inferSchemaOnly(file: string, options: Omit<ReadTableOptions, 'maxRows' | 'seed'> = {}): Promise<TableSchema> {
  return (await readTableSource(file, { ...options, maxRows: 0 })).schema;
}
