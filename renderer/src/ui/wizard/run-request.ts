/**
 * From the wizard's choices to the API: what to read for the preview and how to start the run.
 * Pure functions, so the review screen shows exactly what Start training sends.
 */
import type { ApiInput } from '../../../../shared/api';
import type { ExampleTable } from '../../../../shared/dataset-preview';
import { imageConfigInput, tabularConfigInput } from '../../../../shared/presets';
import type { ColumnOverrideSpec } from '../../../../shared/tabular-config';
import type { TrainSettings } from '../train/settings';
import type { DataChoice } from './wizard-steps';

/** The `data` the API takes: a built-in name, or the folder's or table's full path. */
export function dataOf(choice: DataChoice, examples: readonly ExampleTable[] | null): string {
  switch (choice.source) {
    case 'dsprites':
    case 'mnist':
      return choice.source;
    case 'example':
      return examples?.find((e) => e.id === choice.example)?.path ?? '';
    default:
      return choice.path.trim();
  }
}

/** Built-ins are greyscale; a folder is read as the user chose. */
export const channelsOf = (choice: DataChoice): 1 | 3 => (choice.source === 'folder' ? choice.channels : 1);

export function imagePreviewInput(choice: DataChoice, settings: TrainSettings): ApiInput<'datasets.inspectImages'> {
  return { data: dataOf(choice, null), imageSize: settings.imageSize, channels: channelsOf(choice), samples: 16 };
}

export type StartRequest =
  | { readonly method: 'runs.startImage'; readonly input: ApiInput<'runs.startImage'> }
  | { readonly method: 'runs.startTabular'; readonly input: ApiInput<'runs.startTabular'> };

/** The start call for the chosen data and settings: the config as shared/presets.ts builds it (the CLI's and the bench's too). */
export function startRequest(
  projectId: string,
  kind: 'image' | 'tabular',
  choice: DataChoice,
  examples: readonly ExampleTable[] | null,
  settings: TrainSettings,
  overrides: readonly ColumnOverrideSpec[],
  /** Image runs: queue the three baselines after it; sent only when asked, so a plain start is unchanged. */
  baselines = false,
): StartRequest {
  const data = dataOf(choice, examples);
  if (kind === 'image') {
    const config = imageConfigInput(settings, { data, channels: channelsOf(choice) });
    return { method: 'runs.startImage', input: { projectId, config, ...(baselines ? { baselines: true } : {}) } };
  }
  return { method: 'runs.startTabular', input: { projectId, config: tabularConfigInput(settings, { data }), overrides: [...overrides] } };
}
