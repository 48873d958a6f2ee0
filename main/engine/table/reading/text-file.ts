/**
 * Checks that run before any parsing: the file is not empty and is UTF-8 text, not a spreadsheet,
 * an archive or UTF-16 (which would otherwise parse into one column of garbage).
 */
import { open } from 'node:fs/promises';

/** Bytes read up front: enough for the binary check and to detect the delimiter. */
export const HEAD_BYTES = 64 * 1024;
const BINARY_CHECK_BYTES = 1024;

export interface FileHead {
  readonly size: number;
  /** The first HEAD_BYTES bytes decoded (BOM removed); a cut character at the end is dropped. */
  readonly text: string;
  /** The head is the whole file. */
  readonly complete: boolean;
}

export async function readHead(file: string): Promise<FileHead> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if (size === 0) throw new Error(`${file}: the file is empty`);
    checkText(file, bytes);
    const text = new TextDecoder('utf-8').decode(bytes, { stream: bytes.length < size });
    if (text.trim() === '') throw new Error(`${file}: the file is empty (only whitespace)`);
    return { size, text, complete: bytes.length === size };
  } finally {
    await handle.close();
  }
}

function checkText(file: string, bytes: Uint8Array): void {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    throw new Error(`${file}: not a text CSV in UTF-8: it is UTF-16 encoded; save it as UTF-8 CSV`);
  }
  const head = bytes.subarray(0, BINARY_CHECK_BYTES);
  const nul = head.indexOf(0);
  if (nul >= 0) throw new Error(`${file}: not a text CSV: binary data (a NUL byte at byte ${nul})`);
  try {
    // stream: true so a character cut at the 1 KB boundary is not counted as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    throw new Error(`${file}: not a text CSV: the first ${head.length} bytes are not valid UTF-8 (binary data, or another encoding: save it as UTF-8)`);
  }
}
