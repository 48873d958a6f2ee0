import { describe, expect, it } from 'vitest';
import { seriesName } from '../../shared/progress';
import { isSeriesOfPhase, phaseOfSeries } from '../../renderer/src/stores/series-data';

describe('metric series names', () => {
  it('reads back the phase seriesName() put in front of a term', () => {
    expect(phaseOfSeries(seriesName('stage1', 'recon'))).toBe('stage1');
    expect(phaseOfSeries('stage2.stopped_early_at')).toBe('stage2');
    expect(phaseOfSeries('eval.stage1.overall')).toBe('eval');
    expect(phaseOfSeries('loss')).toBe('loss');
  });

  it('keeps the stages apart, and a term without a phase in none', () => {
    expect(isSeriesOfPhase('stage1.kl', 'stage1')).toBe(true);
    expect(isSeriesOfPhase('stage2.kl', 'stage1')).toBe(false);
    expect(isSeriesOfPhase('stage10.kl', 'stage1')).toBe(false);
    expect(isSeriesOfPhase('stage1', 'stage1')).toBe(false);
  });
});
