/**
 * Streaming a CSV's records with papaparse: bytes -> sha256 (the fingerprint) and UTF-8 text (BOM
 * dropped, characters cut between chunks rejoined) -> papaparse -> one callback per record
 * (header included). Only one chunk of the file is in memory at a time.
 *
 * A record that does not end is stopped early. papaparse carries an unfinished record over to
 * the next chunk and parses it again from its start, so a quote that is never closed would be
 * re-parsed with every chunk until the end of the file or the string limit (quadratic: hours
 * for a big file). After OPEN_RECORD_CHUNKS chunks in a row without one complete record the
 * read ends with handlers.openRecord, which names where the record began.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, pipeline } from 'node:stream';

import Papa from 'papaparse';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter that splits the first records into the same number (> 1) of fields most
 * consistently; ties go to more fields, then to the order above. One column: ','.
 */
export function detectDelimiter(head: string, complete: boolean): string {
  let best: string = ',';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(head, { delimiter, preview: 50 }).data.filter((r) => r.length > 1 || (r[0] ?? '') !== '');
    if (!complete && rows.length > 1) rows.pop(); // the last record may be cut at the head's end
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

export interface CsvStreamResult {
  readonly fingerprint: string;
  /** Byte offset near the first invalid UTF-8 sequence (replaced by U+FFFD), if any. */
  readonly invalidUtf8At: number | null;
}

export interface CsvStreamHandlers {
  /** Each record in order; index 0 is the header. Throwing stops the read with that error. */
  record(cells: string[], index: number): void;
  /** A quoting problem papaparse found in a record; code is papaparse's ('MissingQuotes', 'InvalidQuotes', ...). */
  parseError?(index: number, message: string, code: string): void;
  /**
   * Record `index` is still open after `megabytes` MB (an unterminated quote, or a line that never
   * ends). It should throw the error to end the read with; if it returns, the read ends with a
   * generic one.
   */
  openRecord?(index: number, megabytes: number): void;
  /** After each chunk, with the number of records so far. */
  progress?(records: number): void;
  /** Once, when the first invalid UTF-8 is replaced: before any record decoded from that chunk. */
  invalidUtf8?(byte: number): void;
}

const REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);
/** Bytes read per chunk. */
const CHUNK_BYTES = 1 << 20;
/**
 * Chunks (1 MB each) one record may span before the read gives up on it: 16 MB, far beyond any
 * real record (cells over 10,000 characters are read as missing anyway) and small enough that
 * the re-parsing stays cheap (~16 x 16 MB of scanning).
 */
export const OPEN_RECORD_CHUNKS = 16;

export function streamCsv(file: string, delimiter: string, handlers: CsvStreamHandlers): Promise<CsvStreamResult> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const decoder = new TextDecoder('utf-8');
    let bytes = 0;
    let invalidUtf8At: number | null = null;
    const source = createReadStream(file, { highWaterMark: CHUNK_BYTES });
    const text = new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        const decoded = decoder.decode(chunk, { stream: true });
        if (invalidUtf8At === null && decoded.includes('\uFFFD') && !chunk.includes(REPLACEMENT_BYTES)) {
          invalidUtf8At = bytes;
          handlers.invalidUtf8?.(bytes);
        }
        bytes += chunk.length;
        done(null, decoded);
      },
      flush(done) {
        const rest = decoder.decode();
        done(null, rest === '' ? undefined : rest);
      },
    });

    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      source.destroy();
      text.destroy();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    pipeline(source, text, (error) => {
      if (error) fail(error);
    });

    let records = 0;
    // Chunks in a row that ended no record: the record `records` is still open.
    let openChunks = 0;
    Papa.parse<string[]>(text, {
      delimiter,
      skipEmptyLines: false,
      chunk(results, parser) {
        try {
          const base = records;
          for (const error of results.errors) {
            if (error.row !== undefined) handlers.parseError?.(base + error.row, error.message, error.code);
          }
          for (const cells of results.data) handlers.record(cells, records++);
          openChunks = results.data.length === 0 ? openChunks + 1 : 0;
          if (openChunks >= OPEN_RECORD_CHUNKS) {
            const megabytes = (openChunks * CHUNK_BYTES) / (1 << 20);
            handlers.openRecord?.(records, megabytes);
            throw new Error(`${file}: record ${records} runs on for more than ${megabytes} MB without ending`);
          }
          handlers.progress?.(records);
        } catch (error) {
          fail(error); // first: abort() calls complete() synchronously
          parser.abort();
        }
      },
      complete() {
        if (settled) return;
        settled = true;
        resolve({ fingerprint: hash.digest('hex'), invalidUtf8At });
      },
      error(error: Error) {
        fail(error);
      },
    });
  });
}
