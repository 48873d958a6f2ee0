import { describe, expect, it } from 'vitest';
import { imageConfigLimits, imageModelConfigSchema } from '../../shared/image-config';
import { tabularConfigLimits, tabularModelConfigSchema } from '../../shared/tabular-config';
import { preset, validateSettings, type ModelKind, type TrainSettings } from '../../renderer/src/ui/train/settings';

/** Whether the API's config schema takes these settings, as the wizard's start request sends them. */
function schemaAccepts(kind: ModelKind, s: TrainSettings): boolean {
  const { stage1Steps, stage2Steps, beta, latents, batch, lr, seed } = s;
  const common = { stage1Steps, stage2Steps, beta, latents, batch, lr, seed, data: '/data/x' };
  return kind === 'image'
    ? imageModelConfigSchema.safeParse({ ...common, imageSize: s.imageSize, stage2: 'vae' }).success
    : tabularModelConfigSchema.safeParse({ ...common, stage2: 'flow' }).success;
}

type Field = 'stage1Steps' | 'stage2Steps' | 'latents' | 'batch' | 'seed' | 'beta';

describe('the setup screens check the config schemas’ own limits', () => {
  for (const kind of ['image', 'tabular'] as const) {
    const limits = kind === 'image' ? imageConfigLimits : tabularConfigLimits;
    const ranges: Record<Field, { min: number; max: number }> = {
      stage1Steps: limits.stageSteps,
      stage2Steps: limits.stageSteps,
      latents: limits.latents,
      batch: limits.batch,
      seed: limits.seed,
      beta: limits.beta,
    };
    it(`${kind}: at each limit both accept, one past it both refuse`, () => {
      // The other stage keeps its steps, so 0 steps in one stage is a valid run.
      const base = preset(kind, 'quick');
      for (const [field, { min, max }] of Object.entries(ranges) as [Field, { min: number; max: number }][]) {
        for (const [value, ok] of [
          [min, true],
          [max, true],
          [min - 1, false],
          [max + 1, false],
        ] as const) {
          const s = { ...base, [field]: value };
          expect({ field, value, settings: !validateSettings(kind, s)[field] }).toEqual({ field, value, settings: ok });
          expect({ field, value, schema: schemaAccepts(kind, s) }).toEqual({ field, value, schema: ok });
        }
      }
      for (const [lr, ok] of [
        [limits.lrMax, true],
        [limits.lrMax * 1.5, false],
        [0, false],
      ] as const) {
        expect(!validateSettings(kind, { ...base, lr }).lr).toBe(ok);
        expect(schemaAccepts(kind, { ...base, lr })).toBe(ok);
      }
    });
  }

  it('keeps the limits the screens always had', () => {
    expect(imageConfigLimits).toMatchObject({ stageSteps: { min: 0, max: 10_000_000 }, latents: { min: 1, max: 64 }, batch: { min: 2, max: 1024 }, beta: { min: 0, max: 100 }, lrMax: 1 });
    expect(tabularConfigLimits.batch).toEqual({ min: 2, max: 4096 });
    expect(tabularConfigLimits.seed).toEqual({ min: 0, max: 2 ** 31 - 1 });
  });
});
