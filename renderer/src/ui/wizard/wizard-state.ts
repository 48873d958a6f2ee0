/**
 * The new-model wizard's state and every change to it, as a pure reducer with typed actions:
 * the component draws the state, use-new-model-wizard.ts dispatches what the user did and what
 * the API answered. Pure, so the rules (what Next shows, where a failed read is reported) are
 * tested without a browser.
 */
import type { ExampleTable, ImagePreview } from '../../../../shared/dataset-preview';
import type { ColumnOverrideSpec } from '../../../../shared/tabular-config';
import type { TableSchema } from '../../../../shared/tabular-schema';
import { preset, type ModelKind, type PresetName, type TrainSettings } from '../train/settings';
import { hasErrors, validateData, validateImagePreview, validateModel, validateTablePreview, type StepErrors } from './validate';
import { initialDataChoice, needsPath, wizardSteps, type DataChoice, type WizardStep } from './wizard-steps';

/** A result read for one request, so Back then Next does not read the same data again. */
export interface Read<T> {
  /** What was read: the image request as JSON, or the table's path. */
  readonly key: string;
  readonly value: T;
}

export interface WizardState {
  readonly kind: ModelKind;
  readonly step: WizardStep;
  readonly choice: DataChoice;
  readonly imagePreview: Read<ImagePreview> | null;
  readonly schema: Read<TableSchema> | null;
  /** The user's changes to the table's inferred schema, as the table was last read with. */
  readonly overrides: readonly ColumnOverrideSpec[];
  /** The preset the settings come from; null once they were changed in the Advanced panel. */
  readonly presetName: PresetName | null;
  readonly settings: TrainSettings;
  /** Image runs: also train the paper's three baselines after the MS-VAE run ("Also train the baselines"). */
  readonly baselines: boolean;
  /** Which steps have had Next pressed: their problems show from then on, as the user fixes them. */
  readonly attempted: ReadonlySet<WizardStep>;
  /** Problems the API found (a folder with no images, a table that cannot be read). */
  readonly apiErrors: StepErrors;
  /** What the wizard is waiting for, in words; null when it waits for nothing. */
  readonly busy: string | null;
  /** A problem not tied to a field (a failed start, a dialog that would not open). */
  readonly error: string | null;
}

export type WizardAction =
  /** To another step (Next, Back, the step indicator, Edit on the review); old problems go. */
  | { readonly type: 'go'; readonly step: WizardStep }
  /** Next pressed on a step: its problems show from now on. */
  | { readonly type: 'attempt'; readonly step: WizardStep }
  | { readonly type: 'chooseData'; readonly choice: DataChoice }
  | { readonly type: 'choosePreset'; readonly name: PresetName; readonly settings: TrainSettings }
  /** A change in the Advanced panel: the settings are no longer a preset's. */
  | { readonly type: 'editSettings'; readonly settings: TrainSettings }
  | { readonly type: 'setBaselines'; readonly on: boolean }
  | { readonly type: 'busy'; readonly message: string }
  | { readonly type: 'idle' }
  | { readonly type: 'imagesRead'; readonly read: Read<ImagePreview> }
  /** A table read afresh: the overrides of any earlier table no longer apply. */
  | { readonly type: 'tableRead'; readonly read: Read<TableSchema> }
  /** The same table read again with the user's overrides. */
  | { readonly type: 'tableReread'; readonly schema: TableSchema; readonly overrides: readonly ColumnOverrideSpec[] }
  /** Reading the data failed; `aboutTheData`: the API said what is wrong with it (not an internal fault). */
  | { readonly type: 'readFailed'; readonly message: string; readonly aboutTheData: boolean }
  | { readonly type: 'startFailed'; readonly message: string }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'started' };

/** A new wizard starts on the data step with the kind's default data and the Quick preset. */
export function initialWizardState(kind: ModelKind): WizardState {
  return {
    kind,
    step: 'data',
    choice: initialDataChoice(kind),
    imagePreview: null,
    schema: null,
    overrides: [],
    presetName: 'quick',
    settings: preset(kind, 'quick'),
    baselines: false,
    attempted: new Set(),
    apiErrors: {},
    busy: null,
    error: null,
  };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'go':
      return { ...state, step: action.step, error: null, apiErrors: {} };
    case 'attempt':
      return state.attempted.has(action.step) ? state : { ...state, attempted: new Set(state.attempted).add(action.step) };
    case 'chooseData':
      // What the API said was about the old choice.
      return { ...state, choice: action.choice, apiErrors: {} };
    case 'choosePreset':
      return { ...state, presetName: action.name, settings: action.settings };
    case 'editSettings':
      return { ...state, presetName: null, settings: action.settings };
    case 'setBaselines':
      return { ...state, baselines: action.on };
    case 'busy':
      return { ...state, busy: action.message };
    case 'idle':
      return { ...state, busy: null };
    case 'imagesRead':
      return { ...state, imagePreview: action.read };
    case 'tableRead':
      return { ...state, schema: action.read, overrides: [] };
    case 'tableReread':
      return state.schema ? { ...state, schema: { key: state.schema.key, value: action.schema }, overrides: action.overrides, error: null } : state;
    case 'readFailed':
      if (!action.aboutTheData) return { ...state, error: `${action.message} Try again; if it keeps failing, choose other data.` };
      // Beside the path field when there is one, else under the data choice.
      return { ...state, apiErrors: needsPath(state.choice) ? { path: action.message } : { source: action.message } };
    case 'startFailed':
      return { ...state, error: `${action.message} Change the data or settings and try again.` };
    case 'failed':
      return { ...state, error: action.message };
    case 'started':
      return { ...state, error: null };
  }
}

/** What blocks Next on a step, whether shown yet or not. */
export function stepErrors(state: WizardState, examples: readonly ExampleTable[] | null, step: WizardStep = state.step): StepErrors {
  switch (step) {
    case 'data':
      return validateData(state.kind, state.choice, examples);
    case 'preview':
      return state.kind === 'image' ? validateImagePreview(state.imagePreview?.value ?? null) : validateTablePreview(state.schema?.value ?? null);
    case 'model':
      return validateModel(state.kind, state.settings);
    case 'review':
      return {};
  }
}

/** The problems to show now: settings as they are typed, the other steps once Next was pressed, and the API's. */
export function shownErrors(state: WizardState, examples: readonly ExampleTable[] | null): StepErrors {
  const checked = state.step === 'model' || state.attempted.has(state.step);
  return checked ? { ...stepErrors(state, examples), ...state.apiErrors } : state.apiErrors;
}

/** Whether Next is held back by something marked on the step (the review has no Next). */
export const isBlocked = (state: WizardState, shown: StepErrors): boolean => state.step !== 'review' && hasErrors(shown);

export const stepIndex = (step: WizardStep): number => wizardSteps.findIndex((s) => s.id === step);

/** The step after (Next) or before (Back) this one; undefined past either end. */
export const stepAfter = (step: WizardStep): WizardStep | undefined => wizardSteps[stepIndex(step) + 1]?.id;
export const stepBefore = (step: WizardStep): WizardStep | undefined => wizardSteps[stepIndex(step) - 1]?.id;
