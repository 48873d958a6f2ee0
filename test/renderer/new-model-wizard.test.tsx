// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ExampleTable, ImagePreview } from '../../shared/dataset-preview';
import type { Project, RunSummary } from '../../shared/models';
import type { ColumnSchema, TableSchema } from '../../shared/tabular-schema';
import { NewModelWizard } from '../../renderer/src/ui/wizard/new-model-wizard';
import { estimateSeconds, preset } from '../../renderer/src/ui/train/settings';
import { alerts, button, byLabel, click, render, stepHeading, type, type Rendered } from './dom';
import { FakeApiError, installFakeStudio, type FakeStudio } from './fake-studio';

const project = (kind: Project['kind']): Project => ({ id: `p-${kind}`, name: 'Test', kind, createdAt: 0, updatedAt: 0, latestRun: null });

const run = (input: unknown): RunSummary => ({
  id: 'run-1',
  projectId: (input as { projectId: string }).projectId,
  kind: 'image',
  status: 'queued',
  step: 0,
  totalSteps: 0,
  backend: null,
  backendAdapter: null,
  lastLoss: null,
  error: null,
  createdAt: 0,
  startedAt: null,
  finishedAt: null,
  baselineOf: null,
  baselineKind: null,
});

const photos: ImagePreview = {
  name: 'photos',
  count: 3,
  size: 32,
  channels: 3,
  factors: [],
  skipped: [{ file: 'corrupt.png', reason: 'not an image (content is not a known image format)' }],
  skippedCount: 1,
  thumbnails: [{ src: 'data:image/png;base64,AAAA', label: 'red.png', original: { width: 40, height: 30 } }],
};

const column = (name: string, role: ColumnSchema['role'] = 'feature'): ColumnSchema => ({ name, type: 'float', role, missing: 2, distinct: 10 });
const schema = (rowCount: number, columns: ColumnSchema[]): TableSchema => ({ columns, rowCount, skippedRows: 0, issues: [], format: ',', fingerprint: 'x' });
const examples: ExampleTable[] = [{ id: 'penguins', label: 'Penguins', description: '344 penguins', path: '/app/data/penguins.json' }];

/** Answers as the main process would for a few folders and files the tests name (no runs timed here unless `answers` say so). */
function studio(answers: Parameters<typeof installFakeStudio>[0] = {}): FakeStudio {
  return installFakeStudio({
    'system.info': () => ({ version: 'test', mode: 'host', dataDir: '/tmp', platform: 'test', lastBackend: 'wasm' }),
    'datasets.examples': () => examples,
    'datasets.inspectImages': (input) =>
      (input as { data: string }).data === '/data/empty'
        ? new FakeApiError({ code: 'invalid_input', field: 'data', message: 'No readable images in folder /data/empty: no .png, .jpg, .jpeg or .webp files' })
        : photos,
    'datasets.inspectTable': (input) => {
      const { path, overrides } = input as { path: string; overrides: { column: string; role?: string }[] };
      if (path === '/data/empty.csv') return schema(0, [column('a')]);
      const excluded = new Set(overrides.filter((o) => o.role === 'excluded').map((o) => o.column));
      return schema(100, ['height', 'width'].map((name) => column(name, excluded.has(name) ? 'excluded' : 'feature')));
    },
    'runs.startImage': run,
    'runs.startTabular': run,
    ...answers,
  });
}

describe('the new-model wizard blocks Next until each step is right', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    view = undefined;
  });

  it('image data: a missing path, a relative path and a folder with no images stop on step 1, with the message next to the field', async () => {
    const api = studio();
    view = await render(<NewModelWizard project={project('image')} onStarted={() => {}} />);
    const c = view.container;
    expect(stepHeading(c)).toBe('Step 1 of 4: Data');
    expect(c.querySelector('[aria-current="step"]')?.textContent).toContain('Data');
    expect(button(c, 'Back').disabled).toBe(true);

    await click(byLabel(c, 'A folder of images'));
    // Nothing is flagged before the user tries to go on.
    expect(alerts(c)).toEqual([]);
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 1 of 4: Data');
    const path = byLabel(c, 'Image folder') as HTMLInputElement;
    expect(path.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(path.getAttribute('aria-describedby')!)?.textContent).toBe("Enter the folder's full path");
    expect(c.textContent).toContain('Fix what is marked above to go on.');

    // Once flagged, the message follows what is typed.
    await type(path, 'photos');
    expect(alerts(c)).toContain('Enter the full path of the folder (starting with / or a drive letter)');
    expect(api.callsTo('datasets.inspectImages')).toEqual([]);

    // The path is well formed, so the folder is read; the reader's refusal lands by the field.
    await type(path, '/data/empty');
    expect(alerts(c)).toEqual([]);
    await click(button(c, 'Next'));
    expect(api.callsTo('datasets.inspectImages')).toEqual([{ data: '/data/empty', imageSize: 32, channels: 3, samples: 16 }]);
    expect(stepHeading(c)).toBe('Step 1 of 4: Data');
    expect(alerts(c)).toEqual(['No readable images in folder /data/empty: no .png, .jpg, .jpeg or .webp files']);

    await type(path, '/data/photos');
    expect(alerts(c)).toEqual([]);
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 2 of 4: Preview');
    expect(c.querySelector('[data-testid="image-count"]')?.textContent).toBe('3');
    expect(c.querySelector('[data-testid="skipped-files"]')?.textContent).toContain('corrupt.png: not an image');
    expect(c.querySelector('img')?.getAttribute('alt')).toBe('red.png (40 × 30)');
    expect(c.querySelector('[data-testid="original-sizes"]')?.textContent).toBe('40 × 30');
  });

  it('model settings: steps out of range keep the wizard on step 3; fixed, the review shows them and Start sends them', async () => {
    const api = studio();
    const started: string[] = [];
    view = await render(<NewModelWizard project={project('image')} onStarted={(id) => started.push(id)} />);
    const c = view.container;
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 2 of 4: Preview');
    expect(api.callsTo('datasets.inspectImages')).toEqual([{ data: 'dsprites', imageSize: 32, channels: 1, samples: 16 }]);
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 3 of 4: Model');
    expect(c.querySelector('[data-testid="time-estimate"]')?.textContent).toMatch(/about .* on the CPU \(WebAssembly\)\. This is an estimate/);
    // The fake answers no runs.timeCalibration: the default figures, and the wizard says so.
    expect(c.querySelector('[data-testid="time-estimate"]')?.textContent).toContain('(default figures; no runs timed on this computer yet) on the CPU (WebAssembly)');

    await type(byLabel(c, 'Stage 1 steps'), '20000000');
    expect(alerts(c)).toEqual(['Stage 1 steps can be at most 10000000']);
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 3 of 4: Model');
    await type(byLabel(c, 'Stage 1 steps'), '0');
    await type(byLabel(c, 'Stage 2 steps'), '0');
    expect(alerts(c)).toEqual(['Train at least one step']);
    await type(byLabel(c, 'Stage 1 steps'), '30');
    await type(byLabel(c, 'Stage 2 steps'), '20');
    await type(byLabel(c, 'Batch size'), '1');
    expect(alerts(c)).toEqual(['Batch size must be at least 2']);
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 3 of 4: Model');
    await type(byLabel(c, 'Batch size'), '16');
    // Quick's stage 2 trains on a sampled y; the select moves it to the mean, and Start sends that.
    expect(byLabel(c, 'Stage 2 trains on').value).toBe('sample');
    await type(byLabel(c, 'Stage 2 trains on'), 'mean');
    await click(button(c, 'Next'));

    expect(stepHeading(c)).toBe('Step 4 of 4: Review and train');
    const summary = c.querySelector('[data-testid="review-summary"]')?.textContent ?? '';
    for (const text of ['dSprites', 'Custom (Advanced settings)', 'Stage 1 steps30', 'VAE, 20 steps', 'Batch size16', 'Learning rate0.0005 (stage 2: 0.001)', 'Stage 2 trains onStage 1’s mean reconstruction', '(an estimate)']) expect(summary).toContain(text);
    await click(button(c, 'Start training'));
    expect(api.callsTo('runs.startImage')).toEqual([
      {
        projectId: 'p-image',
        // Stage 2 at twice stage 1's learning rate (shared/presets.ts), as the quality bench measured better.
        config: expect.objectContaining({ data: 'dsprites', stage1Steps: 30, stage2Steps: 20, batch: 16, imageSize: 32, channels: 1, stage2: 'vae', lr: 0.0005, stage2Lr: 0.001, yMode: 'mean' }),
      },
    ]);
    expect(started).toEqual(['run-1']);
  });

  it("scales the estimate to this computer's timed runs and says it was timed here", async () => {
    const balanced = preset('image', 'balanced');
    // Runs here took 0.47 of the default figures: Balanced in 7 minutes, not the formula's ~15.
    const factor = 420 / estimateSeconds('image', balanced, 'wasm');
    const api = studio({ 'runs.timeCalibration': (input) => ({ ...(input as { kind: string }), backend: 'wasm', factor, runs: 3 }) });
    view = await render(<NewModelWizard project={project('image')} onStarted={() => {}} />);
    const c = view.container;
    await click(button(c, 'Next'));
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 3 of 4: Model');
    expect(api.callsTo('runs.timeCalibration')).toEqual([{ kind: 'image', backend: 'wasm' }]);
    await click(byLabel(c, 'Balanced'));
    const estimate = c.querySelector('[data-testid="time-estimate"]')?.textContent ?? '';
    expect(estimate).toContain('With these settings: about 7m 00s (timed from your last 3 runs on this computer) on the CPU (WebAssembly).');
    expect(estimate).toContain('from how long your finished runs took here');
    expect(c.querySelector('legend')?.textContent).toContain('timed from your last 3 runs on this computer');
    await click(button(c, 'Next'));
    expect(c.querySelector('[data-testid="review-summary"]')?.textContent).toContain('about 7m 00s (timed from your last 3 runs on this computer) on the CPU (WebAssembly) (an estimate)');
  });

  it('Back keeps every choice, and a step passed can be revisited from the indicator', async () => {
    studio();
    view = await render(<NewModelWizard project={project('image')} onStarted={() => {}} />);
    const c = view.container;
    await click(byLabel(c, 'MNIST digits'));
    await click(button(c, 'Next'));
    await click(button(c, 'Next'));
    await click(byLabel(c, 'Balanced'));
    await click(button(c, 'Back'));
    expect(stepHeading(c)).toBe('Step 2 of 4: Preview');
    await click(button(c, 'Back to step 1: Data'));
    expect(stepHeading(c)).toBe('Step 1 of 4: Data');
    expect((byLabel(c, 'MNIST digits') as HTMLInputElement).checked).toBe(true);
    await click(button(c, 'Next'));
    await click(button(c, 'Next'));
    expect((byLabel(c, 'Balanced') as HTMLInputElement).checked).toBe(true);
  });

  it('table data: a wrong file type stops step 1; an empty table and a table with every column left out stop step 2', async () => {
    const api = studio();
    view = await render(<NewModelWizard project={project('tabular')} onStarted={() => {}} />);
    const c = view.container;
    expect(byLabel(c, 'Example: Penguins')).toBeTruthy();
    await click(button(c, 'Next'));
    expect(alerts(c)).toEqual(["Enter the file's full path"]);
    await type(byLabel(c, 'Table file'), '/data/sheet.xlsx');
    expect(alerts(c)).toEqual(['Choose a .csv, .tsv, .txt or .json file']);
    await click(button(c, 'Next'));
    expect(api.callsTo('datasets.inspectTable')).toEqual([]);

    await type(byLabel(c, 'Table file'), '/data/empty.csv');
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 2 of 4: Preview');
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 2 of 4: Preview');
    expect(alerts(c)).toEqual(['The table has no rows: go Back and choose a file with data in it']);

    await click(button(c, 'Back'));
    await type(byLabel(c, 'Table file'), '/data/plants.csv');
    await click(button(c, 'Next'));
    expect(c.querySelector('[data-testid="table-summary"]')?.textContent).toContain('2 columns, 2 modelled; 4 missing values in all.');
    await type(byLabel(c, 'Use of height'), 'excluded');
    await type(byLabel(c, 'Use of width'), 'excluded');
    expect(api.callsTo('datasets.inspectTable').at(-1)).toEqual({
      path: '/data/plants.csv',
      overrides: [
        { column: 'height', role: 'excluded' },
        { column: 'width', role: 'excluded' },
      ],
    });
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 2 of 4: Preview');
    expect(alerts(c)).toEqual(['Every column is left out: set at least one column to “model it”']);
    await type(byLabel(c, 'Use of width'), 'feature');
    await click(button(c, 'Next'));
    expect(stepHeading(c)).toBe('Step 3 of 4: Model');
  });

  it('an example table needs no path and is read from where the app keeps it', async () => {
    const api = studio();
    view = await render(<NewModelWizard project={project('tabular')} onStarted={() => {}} />);
    const c = view.container;
    await click(byLabel(c, 'Example: Penguins'));
    await click(button(c, 'Next'));
    expect(api.callsTo('datasets.inspectTable')).toEqual([{ path: '/app/data/penguins.json', overrides: [] }]);
    expect(stepHeading(c)).toBe('Step 2 of 4: Preview');
  });
});
