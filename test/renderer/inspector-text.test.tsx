// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnChart as ColumnChartData } from '../../shared/models';
import { ColumnChart } from '../../renderer/src/ui/inspect/column-chart';
import { MetricsPanel } from '../../renderer/src/ui/inspect/metrics-panel';
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
});
