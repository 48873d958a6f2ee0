import { describe, expect, it } from 'vitest';
import { presetBenchConfig } from '../../bench/preset-config';
import { Args } from '../../main/cli/args';
import { trainConfig } from '../../main/cli/image-commands';
import { tabularConfig } from '../../main/cli/tabular-commands';
import { apiMethods } from '../../shared/api';
import { estimateSeconds, presetConfig, presetNames, presetSettings, stepSeconds } from '../../shared/presets';
import { startRequest } from '../../renderer/src/ui/wizard/run-request';
import { initialDataChoice } from '../../renderer/src/ui/wizard/wizard-steps';

const projectId = '11111111-1111-4111-8111-111111111111';
const table = '/data/penguins.csv';

/** What the wizard's Start training sends for a preset, as the API parses it (defaults filled in). */
function wizardImageConfig(name: (typeof presetNames)[number], data: 'dsprites' | 'mnist') {
  const request = startRequest(projectId, 'image', { ...initialDataChoice('image'), source: data }, null, presetSettings('image', name), []);
  if (request.method !== 'runs.startImage') throw new Error('expected an image start');
  return apiMethods['runs.startImage'].input.parse(request.input).config;
}

function wizardTableConfig(name: (typeof presetNames)[number]) {
  const request = startRequest(projectId, 'tabular', { ...initialDataChoice('tabular'), path: table }, null, presetSettings('tabular', name), []);
  if (request.method !== 'runs.startTabular') throw new Error('expected a table start');
  return apiMethods['runs.startTabular'].input.parse(request.input).config;
}

const cli = (...argv: string[]) => new Args(['train', ...argv]);

describe('presets: one source for the wizard, the CLI and the bench', () => {
  it('every preset is a config the API accepts, with stage 2 at twice the learning rate for images', () => {
    for (const name of presetNames) {
      const image = apiMethods['runs.startImage'].input.parse({ projectId, config: presetConfig('image', name, { data: 'dsprites' }) }).config;
      expect(image.stage2Lr).toBeCloseTo(2 * image.lr, 12);
      const tabular = apiMethods['runs.startTabular'].input.parse({ projectId, config: presetConfig('tabular', name, { data: table }) }).config;
      expect(tabular.stage2Lr).toBe(tabular.lr);
    }
    expect(presetConfig('image', 'balanced', { data: 'dsprites' })).toMatchObject({ imageSize: 64, stage1Steps: 1000, stage2Steps: 400, beta: 16, lr: 1e-3, stage2Lr: 2e-3, yMode: 'mean' });
    // Quick keeps the paper's sampled y; a flag moves it as the Advanced panel's select does.
    expect(presetConfig('image', 'quick', { data: 'dsprites' }).yMode).toBe('sample');
  });

  it('the bench trains exactly the config the wizard sends, for each preset and built-in data', () => {
    for (const name of presetNames) {
      for (const data of ['dsprites', 'mnist'] as const) expect(presetBenchConfig(name, data), `${name} ${data}`).toEqual(wizardImageConfig(name, data));
    }
  });

  it('the CLI’s --preset gives the wizard’s config; flags beside it override it as the Advanced panel would', () => {
    for (const name of presetNames) {
      expect(trainConfig(cli('--data', 'dsprites', '--preset', name), 'dsprites'), name).toEqual(wizardImageConfig(name, 'dsprites'));
      expect(tabularConfig(cli('--data', table, '--kind', 'tabular', '--preset', name), table), name).toEqual(wizardTableConfig(name));
    }
    const edited = trainConfig(cli('--preset', 'quick', '--seed', '3', '--lr', '1e-3', '--z-dim', '8'), 'dsprites');
    expect(edited).toEqual({ ...wizardImageConfig('quick', 'dsprites'), seed: 3, lr: 1e-3, stage2Lr: 2e-3, zDim: 8 });
    expect(trainConfig(cli('--preset', 'quick', '--stage2-lr', '7e-4'), 'dsprites').stage2Lr).toBe(7e-4);
    expect(trainConfig(cli('--preset', 'balanced', '--y-mode', 'sample'), 'dsprites')).toEqual({ ...wizardImageConfig('balanced', 'dsprites'), yMode: 'sample' });
    expect(() => trainConfig(cli('--preset', 'fast'), 'dsprites')).toThrow('--preset expects one of quick, balanced, best, got "fast"');
    // Without --preset the schema's defaults stay what they were.
    expect(trainConfig(cli(), 'dsprites')).toMatchObject({ imageSize: 64, stage1Steps: 20_000, stage2Steps: 10_000, lr: 1e-4, stage2Lr: 2e-4 });
  });

  it('the time estimate reads the preset’s steps: start + steps x seconds per step, scaled by pixels and batch', () => {
    const { imageStage1: s1, imageStage2: s2, imageStepOverhead: o, start } = stepSeconds;
    // Balanced, 64x64, batch 64: the full per-step cost on WebAssembly.
    expect(estimateSeconds('image', presetSettings('image', 'balanced'))).toBeCloseTo(start + 1000 * (s1 + o) + 400 * (s2 + o));
    // Quick, 32x32, batch 32: an eighth of the scaling cost, the whole fixed cost.
    expect(estimateSeconds('image', presetSettings('image', 'quick'))).toBeCloseTo(start + 400 * (s1 / 8 + o) + 200 * (s2 / 8 + o));
    expect(estimateSeconds('tabular', presetSettings('tabular', 'quick'), 'tensorflow')).toBeCloseTo((start + 600 * 0.03) / 3);
  });

  it('hands out copies, so an edit cannot change a preset', () => {
    const settings = presetSettings('image', 'quick') as { seed: number };
    settings.seed = 99;
    expect(presetSettings('image', 'quick').seed).toBe(1);
  });
});
