import { describe, expect, it } from 'vitest';
import type { ColumnChart } from '../../shared/models';
import { describeEffect } from '../../renderer/src/ui/inspect/column-effect-text';
import { chartLabels, formatDateValue } from '../../renderer/src/ui/inspect/date-labels';

const day = 86_400_000;
const jan2014 = Date.UTC(2014, 0, 1);

describe('datetime columns shown as dates', () => {
  it('formats epoch ms as the UTC date, with the time only when the format has one and the span is short', () => {
    expect(formatDateValue(jan2014, 'YYYY-MM-DD')).toBe('2014-01-01');
    expect(formatDateValue(Date.UTC(2014, 0, 1, 13, 5), 'YYYY-MM-DDTHH:mm:ss', day)).toBe('2014-01-01 13:05');
    expect(formatDateValue(Date.UTC(2014, 0, 1, 13, 5), 'YYYY-MM-DDTHH:mm:ss', 400 * day)).toBe('2014-01-01');
    expect(formatDateValue(Number.NaN, 'YYYY-MM-DD')).toBe('—');
  });

  it('labels a datetime chart’s bins and ends with dates from its edges; other charts keep their labels', () => {
    const edges = [0, 1, 2].map((k) => jan2014 + k * 30 * day);
    const chart: ColumnChart = { column: 'date', kind: 'numeric', labels: ['1.4e+12–1.4e+12', '1.4e+12–1.4e+12'], edges, real: [0.5, 0.5], synthetic: [0.4, 0.6], datetimeFormat: 'YYYY-MM-DD' };
    expect(chartLabels(chart)).toEqual({ bins: ['2014-01-01 – 2014-01-31', '2014-01-31 – 2014-03-02'], from: '2014-01-01', to: '2014-03-02' });
    const plain: ColumnChart = { column: 'mass', kind: 'numeric', labels: ['1–2', '2–3'], edges: [1, 2, 3], real: [1, 0], synthetic: [0, 1] };
    expect(chartLabels(plain)).toEqual({ bins: ['1–2', '2–3'], from: '1–2', to: '2–3' });
    // A server without edges: its labels as they are.
    expect(chartLabels({ ...chart, edges: undefined }).from).toBe('1.4e+12–1.4e+12');
  });

  it('describes a factor’s move of a datetime column in dates, the size still in sd', () => {
    const effect = describeEffect({ column: 'date', kind: 'numeric', means: [jan2014, jan2014 + 10 * day, jan2014 + 365 * day], std: 365 * day, datetimeFormat: 'YYYY-MM-DD' });
    expect(effect.text).toBe('mean 2014-01-01 → 2015-01-01 (+1.0 sd)');
    expect(effect.text).not.toMatch(/e\+/);
  });
});
