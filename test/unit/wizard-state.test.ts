import { describe, expect, it } from 'vitest';
import type { ImagePreview } from '../../shared/dataset-preview';
import type { TableSchema } from '../../shared/tabular-schema';
import { preset } from '../../renderer/src/ui/train/settings';
import { initialWizardState, isBlocked, shownErrors, stepAfter, stepBefore, stepErrors, wizardReducer, type WizardAction, type WizardState } from '../../renderer/src/ui/wizard/wizard-state';

const apply = (state: WizardState, ...actions: WizardAction[]): WizardState => actions.reduce(wizardReducer, state);

const table = (rowCount: number): TableSchema => ({
  columns: [{ name: 'height', type: 'float', role: 'feature', missing: 0, distinct: 10 }],
  rowCount,
  skippedRows: 0,
  issues: [],
  format: ',',
  fingerprint: 'x',
});

const images: ImagePreview = { name: 'photos', count: 0, size: 32, channels: 3, factors: [], skipped: [], skippedCount: 0, thumbnails: [] };

describe('the new-model wizard state', () => {
  it('starts on the data step with the kind’s default data and the Quick preset', () => {
    const image = initialWizardState('image');
    expect(image).toMatchObject({ step: 'data', presetName: 'quick', settings: preset('image', 'quick'), busy: null, error: null });
    expect(image.choice.source).toBe('dsprites');
    expect(initialWizardState('tabular').choice.source).toBe('file');
    expect(initialWizardState('tabular').settings).toEqual(preset('tabular', 'quick'));
  });

  it('walks the steps in order and stops at either end', () => {
    expect(stepAfter('data')).toBe('preview');
    expect(stepAfter('model')).toBe('review');
    expect(stepAfter('review')).toBeUndefined();
    expect(stepBefore('preview')).toBe('data');
    expect(stepBefore('data')).toBeUndefined();
  });

  it('shows a step’s problems only once Next was pressed there, and the model’s as they are typed', () => {
    const folder = apply(initialWizardState('image'), { type: 'chooseData', choice: { ...initialWizardState('image').choice, source: 'folder', path: '' } });
    expect(stepErrors(folder, [])).toEqual({ path: "Enter the folder's full path" });
    expect(shownErrors(folder, [])).toEqual({});
    expect(isBlocked(folder, shownErrors(folder, []))).toBe(false);

    const tried = apply(folder, { type: 'attempt', step: 'data' });
    expect(shownErrors(tried, [])).toEqual({ path: "Enter the folder's full path" });
    expect(isBlocked(tried, shownErrors(tried, []))).toBe(true);

    // Not yet attempted, but settings are checked as they are typed.
    const model = apply(tried, { type: 'go', step: 'model' }, { type: 'editSettings', settings: { ...preset('image', 'quick'), batch: 1 } });
    expect(shownErrors(model, [])).toEqual({ batch: 'Batch size must be at least 2' });
    // The review has no Next to block.
    const review = apply(model, { type: 'go', step: 'review' });
    expect(isBlocked(review, { batch: 'x' })).toBe(false);
  });

  it('reports a failed read by the path field, under the data choice, or as a general error', () => {
    const folder = apply(initialWizardState('image'), { type: 'chooseData', choice: { ...initialWizardState('image').choice, source: 'folder', path: '/data/empty' } });
    const atPath = apply(folder, { type: 'readFailed', message: 'No readable images', aboutTheData: true });
    expect(atPath.apiErrors).toEqual({ path: 'No readable images' });
    expect(atPath.error).toBeNull();
    // The API's problems are shown even before Next was pressed on the step, and go with a new choice.
    expect(shownErrors(atPath, [])).toEqual({ path: 'No readable images' });
    expect(apply(atPath, { type: 'chooseData', choice: folder.choice }).apiErrors).toEqual({});

    const builtIn = apply(initialWizardState('image'), { type: 'readFailed', message: 'Not found', aboutTheData: true });
    expect(builtIn.apiErrors).toEqual({ source: 'Not found' });

    const internal = apply(folder, { type: 'readFailed', message: 'Worker crashed.', aboutTheData: false });
    expect(internal.apiErrors).toEqual({});
    expect(internal.error).toBe('Worker crashed. Try again; if it keeps failing, choose other data.');
  });

  it('clears old problems when it moves to another step', () => {
    const failed = apply(initialWizardState('image'), { type: 'readFailed', message: 'bad', aboutTheData: true }, { type: 'failed', message: 'dialog failed' });
    const moved = apply(failed, { type: 'go', step: 'preview' });
    expect(moved).toMatchObject({ step: 'preview', apiErrors: {}, error: null });
  });

  it('a preset replaces the settings; an edit in the Advanced panel leaves no preset chosen', () => {
    const balanced = apply(initialWizardState('image'), { type: 'choosePreset', name: 'balanced', settings: preset('image', 'balanced') });
    expect(balanced).toMatchObject({ presetName: 'balanced', settings: preset('image', 'balanced') });
    const edited = apply(balanced, { type: 'editSettings', settings: { ...balanced.settings, seed: 7 } });
    expect(edited.presetName).toBeNull();
    expect(edited.settings.seed).toBe(7);
  });

  it('a table read afresh drops the old overrides; a reread keeps the path and takes the new ones', () => {
    const overrides = [{ column: 'height', role: 'excluded' as const }];
    const read = apply(initialWizardState('tabular'), { type: 'tableRead', read: { key: '/a.csv', value: table(10) } });
    const reread = apply(read, { type: 'failed', message: 'old' }, { type: 'tableReread', schema: table(0), overrides });
    expect(reread.schema).toEqual({ key: '/a.csv', value: table(0) });
    expect(reread.overrides).toEqual(overrides);
    expect(reread.error).toBeNull();
    expect(stepErrors(reread, [], 'preview')).toEqual({ preview: 'The table has no rows: go Back and choose a file with data in it' });

    const another = apply(reread, { type: 'tableRead', read: { key: '/b.csv', value: table(5) } });
    expect(another.overrides).toEqual([]);
    // No table read yet: nothing to reread.
    const fresh = initialWizardState('tabular');
    expect(wizardReducer(fresh, { type: 'tableReread', schema: table(1), overrides })).toBe(fresh);
  });

  it('checks the image preview it read, and says when a start failed or succeeded', () => {
    const read = apply(initialWizardState('image'), { type: 'imagesRead', read: { key: 'k', value: images } });
    expect(stepErrors(read, [], 'preview')).toEqual({ preview: 'There are no usable images: go Back and choose another folder' });
    expect(stepErrors(initialWizardState('image'), [], 'preview').preview).toMatch(/not been read yet/);

    const busy = apply(read, { type: 'busy', message: 'Starting…' });
    expect(busy.busy).toBe('Starting…');
    const failed = apply(busy, { type: 'startFailed', message: 'Disk full.' }, { type: 'idle' });
    expect(failed).toMatchObject({ busy: null, error: 'Disk full. Change the data or settings and try again.' });
    expect(apply(failed, { type: 'started' }).error).toBeNull();
  });
});
