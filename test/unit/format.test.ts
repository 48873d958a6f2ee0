import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, percent } from '../../renderer/src/ui/lib/format';

describe('display formatting', () => {
  it('formats durations for people', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(125)).toBe('2m 05s');
    expect(formatDuration(3 * 3600 + 7 * 60)).toBe('3h 07m');
  });

  it('formats numbers and clamps percentages', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(0.00001234)).toBe('1.23e-5');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(percent(5, 10)).toBe(50);
    expect(percent(20, 10)).toBe(100);
    expect(percent(1, 0)).toBe(0);
  });
});
