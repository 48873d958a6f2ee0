import { useReducer } from 'react';
import type { Project } from '../../../../shared/models';
import type { ColumnOverrideSpec } from '../../../../shared/tabular-config';
import { call, messageOf, StudioCallError } from '../../api/studio';
import type { PresetName, TrainSettings } from '../train/settings';
import { dataOf, imagePreviewInput, startRequest } from './run-request';
import { useWizardEnvironment } from './use-wizard-environment';
import { hasErrors, validateModel } from './validate';
import { initialWizardState, isBlocked, shownErrors, stepAfter, stepBefore, stepErrors, wizardReducer } from './wizard-state';
import type { DataChoice, WizardStep } from './wizard-steps';

/**
 * The wizard's state (wizard-state.ts) and what its buttons do: the reads of the data, the
 * start of the run, the file dialog. Reading happens on the data step's Next, so a folder with
 * no images or an unreadable table stops there.
 */
export function useNewModelWizard(project: Project, onStarted: (runId: string) => void) {
  const kind = project.kind;
  const env = useWizardEnvironment(kind);
  const [state, dispatch] = useReducer(wizardReducer, kind, initialWizardState);
  const { step, choice, settings, imagePreview, schema } = state;

  const go = (next: WizardStep) => dispatch({ type: 'go', step: next });
  const chooseData = (next: DataChoice) => dispatch({ type: 'chooseData', choice: next });
  const choosePreset = (name: PresetName, next: TrainSettings) => dispatch({ type: 'choosePreset', name, settings: next });
  const editSettings = (next: TrainSettings) => dispatch({ type: 'editSettings', settings: next });
  const setBaselines = (on: boolean) => dispatch({ type: 'setBaselines', on });
  const readFailed = (e: unknown) => dispatch({ type: 'readFailed', message: messageOf(e), aboutTheData: e instanceof StudioCallError && e.error.code !== 'internal' });

  /** Shows `message` while `read` runs; false, with the error shown, when it failed. */
  const readWith = async (message: string, read: () => Promise<void>): Promise<boolean> => {
    dispatch({ type: 'busy', message });
    try {
      await read();
      return true;
    } catch (e) {
      readFailed(e);
      return false;
    } finally {
      dispatch({ type: 'idle' });
    }
  };

  /** Reads the chosen data unless it was read already; false when it could not be read. */
  const readData = async (): Promise<boolean> => {
    if (kind === 'image') {
      const input = imagePreviewInput(choice, settings);
      const key = JSON.stringify(input);
      if (imagePreview?.key === key) return true;
      const message = choice.source === 'folder' ? 'Reading the images in the folder…' : 'Preparing sample images…';
      return readWith(message, async () => dispatch({ type: 'imagesRead', read: { key, value: await call('datasets.inspectImages', input) } }));
    }
    const path = dataOf(choice, env.examples);
    if (schema?.key === path) return true;
    return readWith('Reading the table…', async () => dispatch({ type: 'tableRead', read: { key: path, value: await call('datasets.inspectTable', { path, overrides: [] }) } }));
  };

  const rereadTable = async (overrides: ColumnOverrideSpec[]) => {
    if (!schema) return;
    dispatch({ type: 'busy', message: 'Reading the table again…' });
    try {
      dispatch({ type: 'tableReread', schema: await call('datasets.inspectTable', { path: schema.key, overrides }), overrides });
    } catch (e) {
      dispatch({ type: 'failed', message: messageOf(e) });
    } finally {
      dispatch({ type: 'idle' });
    }
  };

  const next = async () => {
    dispatch({ type: 'attempt', step });
    if (hasErrors(stepErrors(state, env.examples))) return;
    if (step === 'data' && !(await readData())) return;
    const following = stepAfter(step);
    if (following) go(following);
  };

  const back = () => {
    const previous = stepBefore(step);
    if (previous) go(previous);
  };

  const start = async () => {
    if (hasErrors(validateModel(kind, settings))) return go('model');
    const request = startRequest(project.id, kind, choice, env.examples, settings, state.overrides, kind === 'image' && state.baselines);
    dispatch({ type: 'busy', message: 'Starting…' });
    try {
      const run = request.method === 'runs.startImage' ? await call(request.method, request.input) : await call(request.method, request.input);
      dispatch({ type: 'started' });
      onStarted(run.id);
    } catch (e) {
      dispatch({ type: 'startFailed', message: messageOf(e) });
    } finally {
      dispatch({ type: 'idle' });
    }
  };

  // Native dialogs exist in Electron only; in a browser the path is typed.
  const browse =
    env.mode === 'electron'
      ? async () => {
          try {
            const picked = await call('dialogs.open', { kind: kind === 'image' ? 'folder' : 'table' });
            if (picked.path) chooseData({ ...choice, path: picked.path });
          } catch (e) {
            dispatch({ type: 'failed', message: messageOf(e) });
          }
        }
      : undefined;

  const shown = shownErrors(state, env.examples);
  return { state, env, shown, blocked: isBlocked(state, shown), go, next, back, start, rereadTable, browse, chooseData, choosePreset, editSettings, setBaselines };
}
