import { apiMethods, type ApiInput } from '../shared/api';
import type { ImageModelConfig } from '../shared/image-config';
import { imageConfigInput, presetConfig, type PresetName, type TrainSettings } from '../shared/presets';

export type PresetBenchData = 'dsprites' | 'mnist';

/** Parsed by the same input schema runs.startImage uses (the project id is only there for the parse). */
function parsedStart(request: Omit<ApiInput<'runs.startImage'>, 'projectId'>): ApiInput<'runs.startImage'> & { config: ImageModelConfig; baselines: boolean } {
  return apiMethods['runs.startImage'].input.parse({ projectId: '00000000-0000-4000-8000-000000000000', ...request });
}

/**
 * The config `quality --preset NAME` trains: the wizard's own function (shared/presets.ts) for
 * the built-in data, through the same input schema runs.startImage parses, so the bench trains
 * exactly what a user who picks the preset would.
 */
export function presetBenchConfig(name: PresetName, data: PresetBenchData): ImageModelConfig {
  return parsedStart({ config: presetConfig('image', name, { data, channels: 1 }) }).config;
}

/** What the wizard sends for these settings on built-in data with "Also train the baselines" ticked, parsed as the API parses it. */
export function baselinesBenchRequest(settings: TrainSettings, data: PresetBenchData): { config: ImageModelConfig; baselines: boolean } {
  return parsedStart({ config: imageConfigInput(settings, { data, channels: 1 }), baselines: true });
}
