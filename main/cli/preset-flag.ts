import { isPresetName, presetNames, presetSettings, type ModelKind, type TrainSettings } from '../../shared/presets';
import { type Args, CliError } from './args';

/** The config fields a preset sets through the wizard's settings (shared/presets.ts). */
const settingKeys: readonly (keyof TrainSettings)[] = ['imageSize', 'stage1Steps', 'stage2Steps', 'stage2', 'beta', 'latents', 'batch', 'lr', 'seed', 'yMode'];

/**
 * The config input for `train` with `--preset NAME`: the wizard's settings of that preset with
 * the flags given laid over them, made into a config by the wizard's own function, then every
 * flag again. Settings go through the wizard's function rather than over its output so that,
 * as in the wizard, --lr also moves stage 2's rate and --stage1-steps the preview spacing.
 * Without --preset: the flags alone (the schema's defaults fill the rest).
 */
export function withPreset<C extends object>(args: Args, kind: ModelKind, flags: Readonly<Record<string, unknown>>, build: (settings: TrainSettings) => C): Record<string, unknown> {
  const name = args.string('preset');
  if (name === undefined) return { ...flags };
  if (!isPresetName(name)) throw new CliError(`--preset expects one of ${presetNames.join(', ')}, got "${name}"`);
  const given = Object.fromEntries(settingKeys.filter((k) => flags[k] !== undefined).map((k) => [k, flags[k]]));
  return { ...build({ ...presetSettings(kind, name), ...given } as TrainSettings), ...flags };
}
