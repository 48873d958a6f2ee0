import type { ColumnEffect } from '../../../../shared/models';
import { formatDateValue } from './date-labels';

/** What one factor's traversal does to one column, in a few words: numbers from the lowest to the highest factor value. */
export function describeEffect(effect: ColumnEffect): { text: string; strength: number } {
  if (effect.kind === 'numeric') {
    const first = effect.means[0];
    const last = effect.means.at(-1);
    if (first === null || first === undefined || last === null || last === undefined) return { text: '—', strength: 0 };
    const sd = effect.std && effect.std > 0 ? (last - first) / effect.std : 0;
    const move = Math.abs(sd) < 0.05 ? '±0.0' : `${sd > 0 ? '+' : ''}${sd.toFixed(1)}`;
    // A datetime column's means are epoch ms: shown as dates, the move stays in sd.
    const format = effect.datetimeFormat;
    const show = format === undefined ? short : (v: number) => formatDateValue(v, format, Math.abs(last - first));
    return { text: `mean ${show(first)} → ${show(last)} (${move} sd)`, strength: Math.abs(sd) };
  }
  // The category whose share moves most.
  let best = { label: '', from: 0, to: 0 };
  effect.labels.forEach((label, i) => {
    const from = effect.shares[0]?.[i] ?? 0;
    const to = effect.shares.at(-1)?.[i] ?? 0;
    if (Math.abs(to - from) >= Math.abs(best.to - best.from)) best = { label, from, to };
  });
  if (!best.label) return { text: '—', strength: 0 };
  return { text: `${best.label} ${pct(best.from)} → ${pct(best.to)}`, strength: Math.abs(best.to - best.from) * 4 };
}

function short(v: number): string {
  return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(1) : Number(v.toPrecision(3)).toString();
}

function pct(v: number): string {
  return `${Math.round(v * 100)}%`;
}

/** Effects at least this strong (about half an sd, or a category share moving 12 points) count as moves. */
const STRONG = 0.5;
const WEAK = 0.2;

const listed = (names: readonly string[]) => (names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/**
 * One line on what a factor does, from its measured column effects: "c5 mostly moves
 * precipitation and temp_max" (the columns it moves by half an sd or more, largest first, at most
 * three), "c2 slightly moves price" when nothing is that large, else that it moves nothing.
 */
export function factorReading(name: string, effects: readonly ColumnEffect[]): string {
  const ranked = effects.map((e) => ({ column: e.column, strength: describeEffect(e).strength })).sort((a, b) => b.strength - a.strength);
  const strong = ranked.filter((r) => r.strength >= STRONG).slice(0, 3);
  if (strong.length > 0) return `${name} mostly moves ${listed(strong.map((r) => r.column))}`;
  const top = ranked[0];
  if (top && top.strength >= WEAK) return `${name} slightly moves ${top.column}`;
  return `${name} moves no column noticeably (probably unused)`;
}
