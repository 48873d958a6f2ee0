import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project, RunSummary } from '../../shared/models';
import { estimateSeconds, presetSettings } from '../../shared/presets';
import type { TimeCalibration } from '../../shared/time-calibration';
import { callerOf, testServices } from '../helpers/services';
import { plantsRows } from '../helpers/plants-csv';
import { tempDir } from '../helpers/temp-dir';

describe('the time estimate learns from a run the app trained (real compute process)', () => {
  let t: ReturnType<typeof testServices>;
  const files = tempDir();
  const csv = path.join(files.path, 'plants.csv');
  let project: Project;
  const call = <T>(method: string, input: unknown): Promise<T> => callerOf(t.dispatch)<T>(method, input);

  beforeAll(async () => {
    t = testServices();
    const rows = plantsRows();
    writeFileSync(csv, `${rows.join('\n')}\n`);
    project = await call<Project>('projects.create', { name: 'Plants', kind: 'tabular' });
  });
  afterAll(async () => {
    await t.dispose();
    files.remove();
  });

  it('times a completed table run from its backend start to its last step and scales the estimate by it', async () => {
    expect(await call<TimeCalibration>('runs.timeCalibration', { kind: 'tabular' })).toEqual({ kind: 'tabular', backend: null, factor: null, runs: 0 });
    // Just over the 200 steps a timed run needs; no early stopping, so every step is trained.
    const config = { data: csv, stage1Steps: 120, stage2Steps: 100, batch: 32, patience: 0 };
    const started = await call<RunSummary>('runs.startTabular', { projectId: project.id, config });
    await expect.poll(async () => (await call<RunSummary>('runs.get', { id: started.id })).status, { timeout: 60_000 }).toBe('completed');
    const run = await call<RunSummary>('runs.get', { id: started.id });

    // No job named the backend to the wizard: the history does.
    const calibration = await call<TimeCalibration>('runs.timeCalibration', { kind: 'tabular', backend: null });
    expect(calibration).toMatchObject({ kind: 'tabular', backend: run.backend, runs: 1 });
    const settings = { ...presetSettings('tabular', 'quick'), stage1Steps: 120, stage2Steps: 100, batch: 32 };
    const measured = (run.finishedAt! - run.startedAt!) / 1000;
    expect(calibration.factor).toBeCloseTo(measured / estimateSeconds('tabular', settings, run.backend), 9);
    // The image estimate has learnt nothing from a table.
    expect(await call<TimeCalibration>('runs.timeCalibration', { kind: 'image', backend: run.backend })).toMatchObject({ factor: null, runs: 0 });
  });
});
