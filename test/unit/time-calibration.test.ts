import { describe, expect, it } from 'vitest';
import { estimateSeconds, presetSettings, type ModelKind } from '../../shared/presets';
import { calibratedEstimate, calibrationFrom, calibrationRunCount, isTrustedTiming, median, minTimedSteps, type RunTiming } from '../../shared/time-calibration';

const balanced = presetSettings('image', 'balanced');
const balancedDefault = estimateSeconds('image', balanced, 'wasm');

let clock = 1_000_000;
/** A completed, one-sitting Balanced image run on wasm that took `seconds`; finished after the previous one made here. */
function run(seconds: number, over: Partial<RunTiming> = {}): RunTiming {
  clock += 3_600_000;
  const kind: ModelKind = over.kind ?? 'image';
  const settings = over.settings ?? (kind === 'image' ? balanced : presetSettings('tabular', 'balanced'));
  const steps = settings.stage1Steps + settings.stage2Steps;
  return {
    kind,
    backend: 'wasm',
    status: 'completed',
    variant: 'ms-vae',
    resumed: false,
    step: steps,
    totalSteps: steps,
    startedAt: clock,
    finishedAt: clock + seconds * 1000,
    settings,
    ...over,
  };
}

/** The history as the service hands it over: newest first. */
const newestFirst = (...runs: RunTiming[]) => [...runs].reverse();

describe('the machine-calibrated time estimate', () => {
  it('keeps the default figures, and says so, with no history', () => {
    const calibration = calibrationFrom('image', 'wasm', []);
    expect(calibration).toEqual({ kind: 'image', backend: 'wasm', factor: null, runs: 0 });
    expect(calibratedEstimate('image', balanced, 'wasm', calibration)).toEqual({ seconds: balancedDefault, timedRuns: 0 });
    // No backend asked and none in the history: nothing to name.
    expect(calibrationFrom('image', null, []).backend).toBeNull();
  });

  it("scales the formula by the median of measured / estimated over this computer's runs (the issue's 420 s Balanced)", () => {
    // The default figures say ~826 s; a faster machine trained Balanced in about 420 s.
    expect(balancedDefault).toBeGreaterThan(800);
    const calibration = calibrationFrom('image', 'wasm', newestFirst(run(600), run(420), run(410)));
    expect(calibration.runs).toBe(3);
    expect(calibration.factor).toBeCloseTo(420 / balancedDefault, 6);
    const estimate = calibratedEstimate('image', balanced, 'wasm', calibration);
    expect(estimate.timedRuns).toBe(3);
    expect(estimate.seconds).toBeCloseTo(420, 6);
    // Other settings scale by the same factor: Quick at a third of its default figure when the factor is a third.
    const quick = presetSettings('image', 'quick');
    const third = calibrationFrom('image', 'wasm', [run(balancedDefault / 3)]);
    expect(calibratedEstimate('image', quick, 'wasm', third).seconds).toBeCloseTo(estimateSeconds('image', quick, 'wasm') / 3, 6);
  });

  it('holds within 30% on a slower day too (782 s), where the default figures were off', () => {
    const estimate = calibratedEstimate('image', balanced, 'wasm', calibrationFrom('image', 'wasm', newestFirst(run(760), run(800), run(782))));
    expect(Math.abs(estimate.seconds! / 782 - 1)).toBeLessThan(0.3);
  });

  it('takes the median of the latest runs only: an old pace and one odd run do not decide', () => {
    // Six runs, newest last: the oldest (a much slower machine) falls outside the latest five.
    const history = newestFirst(run(5000), run(400), run(420), run(2000), run(430), run(410));
    const calibration = calibrationFrom('image', 'wasm', history);
    expect(calibration.runs).toBe(calibrationRunCount);
    expect(calibration.factor).toBeCloseTo(420 / balancedDefault, 6);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('uses only runs whose time is trustworthy', () => {
    const steps = balanced.stage1Steps + balanced.stage2Steps;
    const short = presetSettings('image', 'quick');
    const untrusted: [string, RunTiming][] = [
      ['resumed (its started_at is the last sitting only)', run(100, { resumed: true })],
      ['cancelled', run(100, { status: 'cancelled' })],
      ['failed', run(100, { status: 'failed' })],
      ['a baseline (another model)', run(100, { variant: 'big-vae' })],
      ['short of its steps', run(100, { step: steps - 1 })],
      ['too short to time', run(1, { settings: { ...short, stage1Steps: minTimedSteps - 50, stage2Steps: 49 } })],
      ['finished before it started', run(0)],
    ];
    for (const [why, r] of untrusted) expect(isTrustedTiming(r), why).toBe(false);
    expect(isTrustedTiming(run(420))).toBe(true);
    // With only those in the history: the default figures.
    expect(calibrationFrom('image', 'wasm', untrusted.map(([, r]) => r))).toMatchObject({ factor: null, runs: 0 });
    // Beside one good run, they change nothing.
    expect(calibrationFrom('image', 'wasm', [...untrusted.map(([, r]) => r), run(420)])).toMatchObject({ runs: 1, factor: 420 / balancedDefault });
  });

  it('keeps kinds and backends apart, and with no backend given takes the latest run’s', () => {
    const history = newestFirst(run(420), run(100, { backend: 'tensorflow' }), run(30, { kind: 'tabular' }));
    expect(calibrationFrom('image', 'wasm', history)).toMatchObject({ backend: 'wasm', runs: 1, factor: 420 / balancedDefault });
    expect(calibrationFrom('image', 'tensorflow', history)).toMatchObject({ backend: 'tensorflow', runs: 1 });
    expect(calibrationFrom('image', 'cpu', history)).toMatchObject({ backend: 'cpu', runs: 0, factor: null });
    // No job yet this session: the latest image run was on tensorflow, so that is what this computer uses.
    expect(calibrationFrom('image', null, history)).toMatchObject({ backend: 'tensorflow', runs: 1 });
    const tabular = calibrationFrom('tabular', null, history);
    expect(tabular).toMatchObject({ backend: 'wasm', runs: 1 });
    expect(tabular.factor).toBeCloseTo(30 / estimateSeconds('tabular', presetSettings('tabular', 'balanced'), 'wasm'), 6);
    // A calibration applies only to its own kind and backend.
    const wasm = calibrationFrom('image', 'wasm', history);
    expect(calibratedEstimate('image', balanced, 'tensorflow', wasm)).toEqual({ seconds: estimateSeconds('image', balanced, 'tensorflow'), timedRuns: 0 });
    expect(calibratedEstimate('tabular', balanced, 'wasm', wasm).timedRuns).toBe(0);
  });

  it('gives a backend with no step-time figure an estimate once runs on it were timed here', () => {
    expect(calibratedEstimate('image', balanced, 'webgpu', calibrationFrom('image', 'webgpu', []))).toEqual({ seconds: null, timedRuns: 0 });
    const timed = calibrationFrom('image', 'webgpu', [run(120, { backend: 'webgpu' })]);
    expect(calibratedEstimate('image', balanced, 'webgpu', timed).seconds).toBeCloseTo(120, 6);
  });
});
