import { describe, expect, it } from 'vitest';
import { earlyStopNotes, isEarlyStopMark } from '../../renderer/src/ui/train/early-stop-notes';

describe('early-stop notes on the dashboard', () => {
  it('says which stage stopped where and whose weights it kept, from the last recorded marks', () => {
    const series = {
      'stage1.recon': { values: [3, 2] },
      'stage1.stopped_early_at': { values: [450] },
      'stage1.best_step': { values: [150] },
      'stage2.nll': { values: [1] },
    };
    expect(earlyStopNotes(series)).toEqual(['Stage 1 stopped early at step 450: its loss on the rows set aside for checking had not improved since step 150, whose weights were kept.']);
    expect(earlyStopNotes({ 'stage2.nll': { values: [1] } })).toEqual([]);
  });

  it('keeps the marks out of the loss charts', () => {
    expect(['stage1.recon', 'stage1.stopped_early_at', 'stage2.best_step', 'stage2.nll'].filter((n) => !isEarlyStopMark(n))).toEqual(['stage1.recon', 'stage2.nll']);
  });
});
