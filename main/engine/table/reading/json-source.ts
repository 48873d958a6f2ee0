/**
 * JSON input: one array of records ([{...}, ...]). JSON cannot be streamed record by record
 * without a streaming parser, so the file is read whole, under a size cap with a clear error past
 * it (convert big tables to CSV). Columns are the union of the records' keys in first-seen order;
 * a record without a key has that cell missing.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export const DEFAULT_MAX_JSON_BYTES = 512 * 1024 * 1024;

export interface JsonRecords {
  readonly columns: string[];
  /** Records as raw cells in column order (JSON values as text), or a reason the element was skipped. */
  readonly rows: Iterable<{ index: number; cells: string[] | null; skipped?: string }>;
  readonly fingerprint: string;
}

/** JSON values as the text a CSV would have: null -> '' (missing), nested values as JSON. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export async function readJsonRecords(file: string, size: number, maxBytes = DEFAULT_MAX_JSON_BYTES): Promise<JsonRecords> {
  if (size > maxBytes) {
    const mb = (x: number): string => `${(x / 1024 / 1024).toFixed(1)} MB`;
    throw new Error(`${file}: the JSON file is ${mb(size)}; JSON is read whole and is limited to ${mb(maxBytes)}. Convert it to CSV, which is streamed`);
  }
  const bytes = await readFile(file);
  const fingerprint = createHash('sha256').update(bytes).digest('hex');
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (error) {
    if (error instanceof RangeError) throw new Error(`${file}: too large to parse as one JSON text (${error.message}); convert it to CSV, which is streamed`);
    throw new Error(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(data)) {
    throw new Error(`${file}: expected a JSON array of records like [{"a": 1}, ...], got ${data === null ? 'null' : typeof data}`);
  }
  const records: unknown[] = data;
  if (records.length === 0) throw new Error(`${file}: the JSON array is empty (no records)`);

  const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const [i, record] of records.entries()) {
    if (!isRecord(record)) continue;
    for (const key of Object.keys(record)) {
      if (seen.has(key)) continue;
      if (key.trim() === '') throw new Error(`${file}: record ${i + 1} has an empty key ("") where a column name is expected`);
      seen.add(key);
      columns.push(key);
    }
  }
  if (columns.length === 0) throw new Error(`${file}: no record is an object with fields (expected [{"a": 1}, ...])`);

  function* rows(): Generator<{ index: number; cells: string[] | null; skipped?: string }> {
    for (const [i, record] of records.entries()) {
      if (!isRecord(record)) {
        const got = record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record;
        yield { index: i + 1, cells: null, skipped: `record ${i + 1} is ${got}, expected an object with fields; the record is skipped` };
      } else {
        yield { index: i + 1, cells: columns.map((c) => cellText(record[c])) };
      }
    }
  }
  return { columns, rows: rows(), fingerprint };
}
