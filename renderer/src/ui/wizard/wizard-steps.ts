/**
 * The new-model wizard's steps and the data choice it carries between them. Plain types and
 * constants, shared by the step components, the validation and the run request.
 */
import type { ExampleTable } from '../../../../shared/dataset-preview';

export type WizardStep = 'data' | 'preview' | 'model' | 'review';

export const wizardSteps: readonly { readonly id: WizardStep; readonly label: string }[] = [
  { id: 'data', label: 'Data' },
  { id: 'preview', label: 'Preview' },
  { id: 'model', label: 'Model' },
  { id: 'review', label: 'Review and train' },
];

/** Where the data comes from: a built-in image set, a folder, an example table or a table file. */
export type DataSource = 'dsprites' | 'mnist' | 'folder' | 'example' | 'file';

export interface DataChoice {
  readonly source: DataSource;
  /** The folder (source 'folder') or table file (source 'file') the user typed or picked. */
  readonly path: string;
  /** Which example table (source 'example'). */
  readonly example: ExampleTable['id'];
  /** Folders: colour or greyscale (built-ins are greyscale). */
  readonly channels: 1 | 3;
}

export const initialDataChoice = (kind: 'image' | 'tabular'): DataChoice => ({
  source: kind === 'image' ? 'dsprites' : 'file',
  path: '',
  example: 'penguins',
  channels: 3,
});

export const sourceLabels: Record<DataSource, string> = {
  dsprites: 'dSprites (shapes with known factors)',
  mnist: 'MNIST digits',
  folder: 'A folder of images',
  example: 'An example table',
  file: 'A CSV or JSON file',
};

/** Whether the choice needs a path typed or picked. */
export const needsPath = (choice: DataChoice): boolean => choice.source === 'folder' || choice.source === 'file';
