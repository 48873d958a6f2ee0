import { describe, expect, it } from 'vitest';
import { estimateSeconds, estimateText, estimateWithSource, pathProblem, preset, validateSettings } from '../../renderer/src/ui/train/settings';
import { formatDuration } from '../../renderer/src/ui/lib/format';
import { alignSeries } from '../../renderer/src/ui/train/loss-chart-data';

describe('training setup validation', () => {
  it('accepts every preset as it is', () => {
    for (const kind of ['image', 'tabular'] as const) {
      for (const name of ['quick', 'balanced', 'best'] as const) expect(validateSettings(kind, preset(kind, name))).toEqual({});
    }
  });

  it('names each bad field with what is expected', () => {
    const bad = { ...preset('image', 'quick'), stage1Steps: 1.5, batch: 1, beta: -1, lr: 0, latents: 100, seed: -3 };
    expect(validateSettings('image', bad)).toEqual({
      stage1Steps: 'Stage 1 steps must be a whole number',
      batch: 'Batch size must be at least 2',
      beta: 'Beta must be between 0 and 100',
      lr: 'Learning rate must be above 0 and at most 1',
      latents: 'Factors can be at most 64',
      seed: 'Seed must be at least 0',
    });
  });

  it('needs at least one step and a stage 2 that fits the data kind', () => {
    expect(validateSettings('image', { ...preset('image', 'quick'), stage1Steps: 0, stage2Steps: 0 }).stage1Steps).toBe('Train at least one step');
    expect(validateSettings('image', { ...preset('image', 'quick'), stage2: 'gmm' }).stage2).toMatch(/for tables/);
    expect(validateSettings('tabular', { ...preset('tabular', 'quick'), stage2: 'gan' }).stage2).toMatch(/VAE or the mixture/);
    expect(validateSettings('image', { ...preset('image', 'quick'), stage1Steps: Number.NaN }).stage1Steps).toMatch(/whole number/);
  });

  it('wants full paths for data', () => {
    expect(pathProblem('', 'folder')).toMatch(/full path/);
    expect(pathProblem('pictures/cats', 'folder')).toMatch(/starting with \//);
    expect(pathProblem('/home/me/cats', 'folder')).toBeUndefined();
    expect(pathProblem('C:\\data\\t.csv', 'file')).toBeUndefined();
  });

  it('estimates longer times for bigger presets', () => {
    const t = (name: 'quick' | 'balanced' | 'best') => estimateSeconds('image', preset('image', name));
    expect(t('quick')).toBeLessThan(t('balanced'));
    expect(t('balanced')).toBeLessThan(t('best'));
  });

  it('says a backend was never measured instead of guessing its time', () => {
    const settings = preset('image', 'quick');
    expect(estimateText('image', settings, 'webgpu', () => '5m')).toBe('no estimate: step times on the GPU (WebGPU) were never measured');
    expect(estimateText('image', settings, 'wasm', (s) => `${Math.round(s)}s`)).toBe(`about ${Math.round(estimateSeconds('image', settings, 'wasm'))}s`);
  });

  it("says what the estimate rests on: this computer's timed runs, or the default figures", () => {
    const balanced = preset('image', 'balanced');
    const formula = estimateSeconds('image', balanced, 'wasm');
    // This computer trains at about half the default figures (Balanced: ~826 s said, ~420 s taken).
    const timed = { kind: 'image', backend: 'wasm', factor: 420 / formula, runs: 3 } as const;
    expect(estimateWithSource('image', balanced, 'wasm', formatDuration, timed)).toBe('about 7m 00s (timed from your last 3 runs on this computer)');
    expect(estimateWithSource('image', balanced, 'wasm', formatDuration, { ...timed, runs: 1 })).toBe('about 7m 00s (timed from your last run on this computer)');
    const defaults = `about ${formatDuration(formula)} (default figures; no runs timed on this computer yet)`;
    expect(estimateWithSource('image', balanced, 'wasm', formatDuration, null)).toBe(defaults);
    expect(estimateWithSource('image', balanced, 'wasm', formatDuration, { ...timed, factor: null, runs: 0 })).toBe(defaults);
    // Timed on another backend: not this one's figure.
    expect(estimateWithSource('image', balanced, 'wasm', formatDuration, { ...timed, backend: 'tensorflow' })).toBe(defaults);
    // A backend never measured has no estimate to qualify, until runs on it were timed here.
    expect(estimateWithSource('image', balanced, 'webgpu', formatDuration, null)).toBe('no estimate: step times on the GPU (WebGPU) were never measured');
    expect(estimateText('image', balanced, 'webgpu', formatDuration, { ...timed, backend: 'webgpu', factor: 120 / formula })).toBe('about 2m 00s');
  });

  it('aligns loss terms reported at different steps onto one axis', () => {
    const { names, data } = alignSeries({ 'stage1.kl': { steps: [1, 3], values: [5, 4] }, 'stage1.recon': { steps: [1, 2], values: [9, 8] } });
    expect(names).toEqual(['stage1.kl', 'stage1.recon']);
    expect(data).toEqual([
      [1, 2, 3],
      [5, null, 4],
      [9, 8, null],
    ]);
  });
});
