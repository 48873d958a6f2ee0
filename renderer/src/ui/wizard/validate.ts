/**
 * What blocks Next on each step of the new-model wizard, as messages keyed by the field they
 * belong next to. Pure functions: the wizard renders them, the component tests check them.
 */
import type { ExampleTable, ImagePreview } from '../../../../shared/dataset-preview';
import type { TableSchema } from '../../../../shared/tabular-schema';
import { pathProblem, validateSettings, type ModelKind, type SettingsErrors, type TrainSettings } from '../train/settings';
import type { DataChoice } from './wizard-steps';

/** 'path': the path field; 'source': the data choice; 'preview': the preview as a whole. */
export type StepErrors = SettingsErrors & { path?: string; source?: string; preview?: string };

const tableFile = /\.(csv|tsv|txt|json)$/i;

/** The data step: a path where one is needed, of the right kind, and a source that fits the project. */
export function validateData(kind: ModelKind, choice: DataChoice, examples: readonly ExampleTable[] | null): StepErrors {
  const imageSource = choice.source === 'dsprites' || choice.source === 'mnist' || choice.source === 'folder';
  if (imageSource !== (kind === 'image')) return { source: kind === 'image' ? 'Choose images for an image project' : 'Choose a table for a table project' };
  if (choice.source === 'folder') {
    const problem = pathProblem(choice.path, 'folder');
    return problem ? { path: problem } : {};
  }
  if (choice.source === 'file') {
    const problem = pathProblem(choice.path, 'file') ?? (tableFile.test(choice.path.trim()) ? undefined : 'Choose a .csv, .tsv, .txt or .json file');
    return problem ? { path: problem } : {};
  }
  if (choice.source === 'example') {
    if (examples === null) return { source: 'The example tables are still loading; try again in a moment' };
    if (!examples.some((e) => e.id === choice.example)) return { source: 'That example table is not installed; choose a file instead' };
  }
  return {};
}

/** The image preview: at least one usable image. */
export function validateImagePreview(preview: ImagePreview | null): StepErrors {
  if (!preview) return { preview: 'The images have not been read yet: go Back and press Next again' };
  if (preview.count === 0) return { preview: 'There are no usable images: go Back and choose another folder' };
  return {};
}

/** The table preview: rows to learn from and at least one column to model. */
export function validateTablePreview(schema: TableSchema | null): StepErrors {
  if (!schema) return { preview: 'The table has not been read yet: go Back and press Next again' };
  if (schema.rowCount === 0) return { preview: 'The table has no rows: go Back and choose a file with data in it' };
  if (!schema.columns.some((c) => c.role === 'feature')) return { preview: 'Every column is left out: set at least one column to “model it”' };
  return {};
}

/** The model step: every setting in range (steps, batch, learning rate...). */
export function validateModel(kind: ModelKind, settings: TrainSettings): StepErrors {
  return validateSettings(kind, settings);
}

export const hasErrors = (errors: StepErrors): boolean => Object.values(errors).some((m) => m !== undefined);
