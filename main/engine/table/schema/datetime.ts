/**
 * ISO-like dates and datetimes: parse to epoch ms and write back in the input's own format, so
 * synthetic rows look like the real ones. Recognised (epoch numbers are never taken for dates):
 *   YYYY-MM-DD, YYYY/MM/DD, then optionally 'T' or ' ' + HH:mm, HH:mm:ss or HH:mm:ss.SSS (1-9
 *   fraction digits, kept to the millisecond), then optionally 'Z' or an offset (+02:00 / +0200).
 * A value without a zone is a wall-clock time and is read as if it were UTC (it is written back
 * the same way, so no timezone of this machine ever leaks in).
 * The format string uses tokens YYYY MM DD HH mm ss S... and ends with the zone literally: 'Z',
 * '+02:00' or nothing, e.g. 'YYYY-MM-DD HH:mm:ss' or 'YYYY-MM-DDTHH:mmZ'.
 */

const DATETIME_RE =
  /^(\d{4})([-/])(\d{2})\2(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export interface ParsedDatetime {
  readonly ms: number;
  readonly format: string;
}

const DAY_MS = 86_400_000;

export function parseDatetime(cell: string): ParsedDatetime | null {
  const m = DATETIME_RE.exec(cell);
  if (m === null) return null;
  const [, y, sep, mo, d, t, hh, mi, ss, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = hh === undefined ? 0 : Number(hh);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = ss === undefined ? 0 : Number(ss);
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000 + 1e-6);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2021-02-30 over to March: a rolled date is not a date.
  if (new Date(wall).getUTCDate() !== day) return null;
  const offsetMin = zone === undefined || zone === 'Z' ? 0 : zoneMinutes(zone);
  if (Math.abs(offsetMin) > 18 * 60) return null;
  let format = `YYYY${sep}MM${sep}DD`;
  if (t !== undefined) {
    format += `${t}HH:mm`;
    if (ss !== undefined) format += ':ss';
    if (frac !== undefined) format += `.${'S'.repeat(frac.length)}`;
    if (zone !== undefined) format += zone;
  }
  // Year 100 and earlier: Date.UTC maps 0-99 to 1900-1999; setUTCFullYear keeps the year as written.
  const ms = year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  return { ms: ms - offsetMin * 60_000, format };
}

function zoneMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

const FORMAT_RE = /^YYYY([-/])MM\1DD(?:([T ])HH:mm(:ss)?(?:\.(S+))?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isDatetimeFormat(format: string): boolean {
  return FORMAT_RE.test(format);
}

/** How many components a format carries: more means more precise (used to pick a column's format). */
export function formatPrecision(format: string): number {
  const m = FORMAT_RE.exec(format);
  if (m === null) return 0;
  return 3 + (m[2] === undefined ? 0 : 2) + (m[3] === undefined ? 0 : 1) + (m[4] === undefined ? 0 : 1);
}

/** The smallest step a format can show, in ms: synthetic values are rounded to it. */
export function formatResolutionMs(format: string): number {
  const m = FORMAT_RE.exec(format);
  if (m === null || m[2] === undefined) return DAY_MS;
  if (m[4] !== undefined) return 1;
  return m[3] === undefined ? 60_000 : 1000;
}

/** Whether the format has a time of day (then the encoder splits day and time). */
export function formatHasTime(format: string): boolean {
  return FORMAT_RE.exec(format)?.[2] !== undefined;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function formatDatetime(ms: number, format: string): string {
  const m = FORMAT_RE.exec(format);
  if (m === null) throw new Error(`unknown datetime format '${format}'`);
  const [, sep, t, secs, frac, zone] = m;
  const offsetMin = zone === undefined || zone === 'Z' ? 0 : zoneMinutes(zone);
  const d = new Date(ms + offsetMin * 60_000);
  let out = `${pad(d.getUTCFullYear(), 4)}${sep}${pad(d.getUTCMonth() + 1, 2)}${sep}${pad(d.getUTCDate(), 2)}`;
  if (t === undefined) return out;
  out += `${t}${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}`;
  if (secs !== undefined) out += `:${pad(d.getUTCSeconds(), 2)}`;
  if (frac !== undefined) out += `.${pad(d.getUTCMilliseconds(), 3).padEnd(frac.length, '0').slice(0, frac.length)}`;
  return out + (zone ?? '');
}
