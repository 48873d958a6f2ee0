/**
 * Missing flags of samples: thresholds set on an unconditional draw give the column's real rate
 * where "> 0.5" gave about half of it (a flow smears a rare mode's mass between 0 and 1), and an
 * excluded constant column goes missing at its real rate in synthetic rows.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { seededRandom } from '../../../main/engine/core/random';
import { TableEncoder } from '../../../main/engine/table/encoding/encoder';
import { missingThresholds } from '../../../main/engine/table/model/missing-calibration';
import { readTableSource } from '../../../main/engine/table/reading/read-table';
import { tabularTempDir } from './helpers';

const dir = tabularTempDir();
afterAll(() => dir.remove());

/** 1,000 rows: x missing (as '?') in 57 of them, a constant column missing in 100. */
function csv(): string {
  const lines = ['x,c,k'];
  for (let i = 0; i < 1000; i++) lines.push(`${i % 1000 < 57 ? '?' : String(i % 37)},${i % 10 === 0 ? '' : 'same'},${['a', 'b'][i % 2]}`);
  return lines.join('\n') + '\n';
}

/** Flow-like samples: present rows' flags near 0, missing rows' anywhere in [0, 1] (half below 0.5). */
function smeared(encoder: TableEncoder, n: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const flag = encoder.spans.find((s) => s.kind === 'missing' && s.column === 'x')!.start;
  const out = new Float32Array(n * encoder.width);
  for (let i = 0; i < n; i++) out[i * encoder.width + flag] = random() < 0.057 ? random() : (random() - 0.5) * 0.2;
  return out;
}

describe('missing flags of samples', () => {
  it('are missing at the real rate with calibrated thresholds, about half of it at 0.5', async () => {
    const { schema, table } = await readTableSource(dir.write('m.csv', csv()));
    expect(schema.columns.find((c) => c.name === 'c')).toMatchObject({ role: 'excluded', excludedReason: 'constant' });
    const encoder = new TableEncoder(schema, table);
    const n = 4096;
    const thresholds = missingThresholds(smeared(encoder, n, 1), n, encoder.width, encoder.spans, schema);
    const rows = 8000;
    const fresh = smeared(encoder, rows, 2);
    const rate = (t: { rows: readonly (readonly unknown[])[] }, j: number) => t.rows.filter((r) => r[j] === null).length / t.rows.length;
    const plain = encoder.decode(fresh, rows, {});
    const calibrated = encoder.decode(fresh, rows, { missingThresholds: thresholds, synthetic: true, random: seededRandom(3) });
    expect(rate(plain, 0)).toBeLessThan(0.035);
    expect(Math.abs(rate(calibrated, 0) - 0.057)).toBeLessThan(0.01);
    // The excluded constant column: never missing in a round trip, at its real 10% in synthetic rows.
    expect(rate(plain, 1)).toBe(0);
    expect(Math.abs(rate(calibrated, 1) - 0.1)).toBeLessThan(0.01);
  });
});
