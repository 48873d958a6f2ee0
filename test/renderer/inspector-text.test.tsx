// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnChart as ColumnChartData } from '../../shared/models';
import { ColumnChart } from '../../renderer/src/ui/inspect/column-chart';
import { MetricsPanel } from '../../renderer/src/ui/inspect/metrics-panel';
import { TabularInspector } from '../../renderer/src/ui/inspect/tabular-inspector';
import { render, type Rendered } from './dom';
import { installFakeStudio } from './fake-studio';

const day = 86_400_000;
const start = Date.UTC(2010, 5, 1);

describe('what the inspector says', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    view = undefined;
  });

  it('shows a datetime column’s chart in dates, not epoch milliseconds', async () => {
    const edges = [0, 1, 2, 3].map((k) => start + k * 100 * day);
    const chart: ColumnChartData = { column: 'date', kind: 'numeric', labels: ['1.3e+12–1.3e+12', '1.3e+12–1.3e+12', '1.3e+12–1.3e+12'], edges, real: [0.2, 0.5, 0.3], synthetic: [0.3, 0.4, 0.3], datetimeFormat: 'YYYY-MM-DD' };
    view = await render(<ColumnChart chart={chart} />);
    const c = view.container;
    expect(c.querySelector('.chart-range')?.textContent).toBe('2010-06-012011-03-28');
    expect(c.querySelector('svg')?.getAttribute('aria-label')).toContain('2010-06-01 – 2010-09-09: real 20.0%');
    expect(c.textContent).toContain('histogram of dates');
    expect(c.innerHTML).not.toMatch(/e\+12/);
  });

  it('says which way is better only where one is, and that swapped factors should follow the given image', async () => {
    const metrics = { 'eval.preservation.shuffled_y': 0.8, 'eval.preservation.chance': 0.05, 'eval.active_factors': 5, 'eval.stage2.recon_bce': 20 };
    installFakeStudio({ 'runs.details': () => ({ run: {}, config: {}, finalMetrics: metrics }) });
    view = await render(<MetricsPanel runId="r1" kind="image" />);
    const rows = Array.from(view.container.querySelectorAll('[data-testid="metrics-table"] tbody tr')).map((tr) => tr.textContent ?? '');
    const row = (label: string) => rows.find((r) => r.startsWith(label)) ?? '';
    expect(row('Preservation, swapped factors')).toMatch(/that other image’s .*\(higher is better\)/);
    expect(row('Preservation, chance level')).not.toMatch(/is better/);
    expect(row('Active factors')).not.toMatch(/is better/);
    expect(row('Stage 2 reconstruction error')).toContain('(lower is better)');
    // The table scrolls inside its panel when the panel is narrow.
    expect(view.container.querySelector('[data-testid="metrics-table"]')?.parentElement?.className).toBe('table-scroll');
    // No split recorded (a run evaluated before splits were): no line about it.
    expect(view.container.querySelector('[data-testid="metrics-split"]')).toBeNull();
  });

  it('shows a table run’s MS-VAE beside the Gaussian copula and stage 1, and an older run’s copula as not trained', async () => {
    const ours = { 'eval.overall': 0.91, 'eval.ml_efficacy_ratio': 0.95, 'eval.exact_copies': 0, 'eval.stage1.overall': 0.82, 'eval.overall_vs_training': 0.93 };
    const metrics = { ...ours, 'eval.baseline.overall': 0.87, 'eval.baseline.ml_efficacy_ratio': 0.8, 'eval.baseline.exact_copies': 2, 'eval.baseline.fit_seconds': 0.4 };
    installFakeStudio({ 'runs.details': () => ({ run: {}, config: {}, finalMetrics: metrics }) });
    view = await render(<MetricsPanel runId="r1" kind="tabular" />);
    const cells = (testId: string) =>
      Array.from(view!.container.querySelectorAll(`[data-testid="${testId}"] tbody tr`)).map((tr) => Array.from(tr.children).slice(0, 4).map((c) => c.textContent));
    expect(view.container.querySelector('[data-testid="models-table"] thead')?.textContent).toContain('MS-VAEGaussian copulaStage 1 alone');
    expect(cells('models-table')).toContainEqual(['Overall quality', '0.910', '0.870', '0.820']);
    expect(cells('models-table')).toContainEqual(['ML efficacy', '0.950', '0.800', '—']);
    expect(cells('models-table')).toContainEqual(['Exact copies', '0', '2', '—']);
    // The other numbers follow in the panel's own table, the side-by-side ones not twice.
    const rest = cells('metrics-table').map((r) => r[0]);
    expect(rest).toContain('Overall quality vs training rows');
    expect(rest).toContain('Gaussian copula fit time (s)');
    expect(rest).not.toContain('Overall quality');
    expect(rest).not.toContain('Gaussian copula overall quality');
    view.unmount();

    installFakeStudio({ 'runs.details': () => ({ run: {}, config: {}, finalMetrics: ours }) });
    view = await render(<MetricsPanel runId="r2" kind="tabular" />);
    expect(cells('models-table')).toContainEqual(['Overall quality', '0.910', 'not trained', '0.820']);
  });

  it('says which images the metrics are on', async () => {
    const metrics = { 'eval.stage1.recon_bce': 40, 'eval.samples': 120, 'eval.split.holdout': 120 };
    installFakeStudio({ 'runs.details': () => ({ run: {}, config: {}, finalMetrics: metrics }) });
    view = await render(<MetricsPanel runId="r1" kind="image" />);
    expect(view.container.querySelector('[data-testid="metrics-split"]')?.textContent).toBe('Measured on 120 images from the hold-out (120 images set aside before training, never trained on).');
  });

  it('shows the label accuracies with chance and one M1-M4 bar chart per factor, outside the metrics table', async () => {
    const metrics = {
      'eval.stage1.recon_bce': 40,
      'eval.interp.shape.chance': 0.34,
      'eval.interp.shape.c': 0.92,
      'eval.interp.shape.z': 0.4,
      'eval.interp.shape.cz': 0.95,
      'eval.interp.posX.chance': 0.04,
      'eval.interp.posX.c': 0.5,
      'eval.stage2_mi.c10.m1': 0.9,
      'eval.stage2_mi.c2.m1': 0.8,
      'eval.stage2_mi.c2.m2': 0.7,
      'eval.stage2_mi.c2.m3': 0.6,
      'eval.stage2_mi.c2.m4': 0.05,
    };
    installFakeStudio({ 'runs.details': () => ({ run: {}, config: {}, finalMetrics: metrics }) });
    view = await render(<MetricsPanel runId="r1" kind="image" />);
    const c = view.container;
    const rows = Array.from(c.querySelectorAll('[data-testid="interpretability-table"] tbody tr')).map((tr) => Array.from(tr.children).map((td) => td.textContent));
    expect(rows).toEqual([
      ['posX', '4.0%', '50.0%', '–', '–'],
      ['shape', '34.0%', '92.0%', '40.0%', '95.0%'],
    ]);
    const charts = Array.from(c.querySelectorAll('[data-testid="mi-bars"]'));
    expect(charts.map((f) => f.querySelector('figcaption')?.textContent)).toEqual(['c2', 'c10']);
    expect(charts[0]!.querySelector('svg')?.getAttribute('aria-label')).toBe('c2: M1 0.80, M2 0.70, M3 0.60, M4 0.05');
    expect(charts[1]!.querySelector('svg')?.getAttribute('aria-label')).toContain('M2 not measured');
    expect(c.querySelector('[data-testid="stage2-mi"]')?.textContent).toMatch(/M4 another image’s Y: .*low means Z holds no copy/);
    // Each is shown once, in its own panel, not as sixty rows of the metrics table.
    expect(c.querySelector('[data-testid="metrics-table"]')?.textContent).not.toMatch(/shape|c2/);
  });

  it('shows no analyses for a run whose evaluation has none', async () => {
    installFakeStudio({ 'runs.details': () => ({ run: {}, config: {}, finalMetrics: { 'eval.stage1.recon_bce': 40 } }) });
    view = await render(<MetricsPanel runId="r1" kind="image" />);
    expect(view.container.querySelector('[data-testid="metrics-table"]')).not.toBeNull();
    expect(view.container.querySelector('.paper-analyses')).toBeNull();
  });

  it('shows the tabular inspector’s one-line reading per factor and the target predicted from C, Z and C+Z', async () => {
    const effect = (column: string, to: number) => ({ column, kind: 'numeric' as const, means: [0, 0, to], std: 1 });
    const inspection = {
      factors: 2,
      values: [-2, 0, 2],
      stage2Trained: true,
      effects: [
        { factor: 0, columns: [effect('precipitation', 2), effect('temp_max', 0.1)] },
        { factor: 1, columns: [effect('precipitation', 0), effect('temp_max', 0)] },
      ],
      charts: [],
      correlations: { columns: [], real: [], synthetic: [] },
      rows: { real: 100, synthetic: 100 },
      targetPrediction: { target: 'weather', classes: 5, binned: false, n: 73, split: 'holdout', chance: 0.41, c: 0.8, z: 0.45, cz: 0.82 },
    };
    installFakeStudio({
      'runs.inspectTabular': () => inspection,
      'runs.factorNames': () => ['rain'],
      'runs.details': () => ({ run: {}, config: {}, finalMetrics: {} }),
    });
    view = await render(<TabularInspector run={{ id: 'r1', step: 10 } as never} />);
    await expect.poll(() => view!.container.querySelector('[data-testid="factor-readings"]')?.textContent ?? '').toContain('rain mostly moves precipitation');
    const readings = Array.from(view.container.querySelectorAll('[data-testid="factor-readings"] li')).map((li) => li.textContent);
    expect(readings).toEqual(['rain mostly moves precipitation', 'c1 moves no column noticeably (probably unused)']);
    const cells = Array.from(view.container.querySelectorAll('[data-testid="target-prediction-table"] tbody td')).map((td) => td.textContent);
    expect(cells).toEqual(['41.0%', '80.0%', '45.0%', '82.0%']);
    expect(view.container.querySelector('[data-testid="target-prediction"]')?.textContent).toContain('half of the hold-out rows predicts weather (5 values) for the other 73');
  });
});
