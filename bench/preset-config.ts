import { apiMethods } from '../shared/api';
import type { ImageModelConfig } from '../shared/image-config';
import { presetConfig, type PresetName } from '../shared/presets';

export type PresetBenchData = 'dsprites' | 'mnist';

/**
 * The config `quality --preset NAME` trains: the wizard's own function (shared/presets.ts) for
 * the built-in data, through the same input schema runs.startImage parses, so the bench trains
 * exactly what a user who picks the preset would (the project id is only there for the parse).
 */
export function presetBenchConfig(name: PresetName, data: PresetBenchData): ImageModelConfig {
  const request = { projectId: '00000000-0000-4000-8000-000000000000', config: presetConfig('image', name, { data, channels: 1 }) };
  return apiMethods['runs.startImage'].input.parse(request).config;
}
