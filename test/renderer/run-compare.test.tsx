// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { RunCompare } from '../../renderer/src/ui/project/run-compare';
import { render, type Rendered } from './dom';
import { installFakeStudio } from './fake-studio';

const run = (id: string) => ({ id, kind: 'tabular', createdAt: Date.UTC(2026, 0, 1), status: 'completed', step: 30, totalSteps: 30 });

describe('the Runs compare view', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    view = undefined;
  });

  it('shows each table run’s MS-VAE, Gaussian copula and stage-1 numbers in adjacent rows, an older run’s copula as not trained', async () => {
    const details: Record<string, unknown> = {
      new: { run: run('new'), config: {}, finalMetrics: { 'eval.overall': 0.9, 'eval.baseline.overall': 0.86, 'eval.stage1.overall': 0.8, 'eval.ml_efficacy_ratio': 0.95, 'eval.baseline.ml_efficacy_ratio': 0.7 } },
      old: { run: run('old'), config: {}, finalMetrics: { 'eval.overall': 0.88, 'eval.stage1.overall': 0.79, 'eval.ml_efficacy_ratio': 0.9 } },
    };
    installFakeStudio({ 'runs.details': (input) => details[(input as { id: string }).id] });
    view = await render(<RunCompare runIds={['new', 'old']} />);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const rows = Array.from(view.container.querySelectorAll('[data-testid="run-compare"] tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.firstChild?.textContent ?? ''));
    const labels = rows.map((r) => r[0]);
    const at = (label: string) => labels.indexOf(label);
    expect(at('Overall quality')).toBeGreaterThan(0);
    expect(at('Gaussian copula overall quality')).toBe(at('Overall quality') + 1);
    expect(at('Stage 1 overall quality')).toBe(at('Overall quality') + 2);
    expect(rows[at('Gaussian copula overall quality')]!.slice(1)).toEqual(['0.8600', 'not trained']);
    expect(rows[at('Gaussian copula ML efficacy')]!.slice(1)).toEqual(['0.7000', 'not trained']);
    expect(rows[at('Overall quality')]!.slice(1)).toEqual(['0.9000', '0.8800']);
  });
});
