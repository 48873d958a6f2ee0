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

  it('says which images the metrics are on', async () => {
    const metrics = { 'eval.stage1.recon_bce': 40, 'eval.samples': 120, 'eval.split.holdout': 120 };
    installFakeStudio({ 'runs.details': () => ({ run: {}, config: {}, finalMetrics: metrics }) });
    view = await render(<MetricsPanel runId="r1" kind="image" />);
    expect(view.container.querySelector('[data-testid="metrics-split"]')?.textContent).toBe('Measured on 120 images from the hold-out (120 images set aside before training, never trained on).');
  });
});
