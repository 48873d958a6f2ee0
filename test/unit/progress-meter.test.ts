import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '../../main/engine/core/progress-meter';

describe('ProgressMeter', () => {
  it('reports speed and time left, at most once per interval unless forced', () => {
    let now = 0;
    const meter = new ProgressMeter(100, 100, () => now);
    expect(meter.update(1, { loss: 1 })).toMatchObject({ step: 1, stepsPerSec: 0, etaSec: null });
    now = 50;
    expect(meter.update(6, { loss: 0.9 })).toBeNull();
    now = 1000;
    const report = meter.update(11, { loss: 0.5 });
    expect(report?.stepsPerSec).toBeCloseTo(10, 5);
    expect(report?.etaSec).toBeCloseTo(8.9, 5);
    now = 1001;
    expect(meter.update(12, { loss: 0.4 }, true)?.step).toBe(12);
  });
});
