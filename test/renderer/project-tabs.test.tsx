// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Project, RunSummary } from '../../shared/models';
import { ProjectView } from '../../renderer/src/ui/project/project-view';
import { button, click, render, settle, type Rendered } from './dom';
import { installFakeStudio } from './fake-studio';

// uPlot (the loss charts) asks for matchMedia as it loads; jsdom has none.
vi.hoisted(() => {
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener: () => {}, removeEventListener: () => {} })) as unknown as typeof window.matchMedia;
});

const tabs = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
const selectedTab = (c: HTMLElement) => c.querySelector<HTMLButtonElement>('[role="tab"][aria-selected="true"]');

const project: Project = { id: '00000000-0000-4000-8000-000000000001', name: 'Sprites', kind: 'image', createdAt: 0, updatedAt: 0, latestRun: null };
const run = (id: string, status: RunSummary['status'], step: number, createdAt: number): RunSummary => ({
  id,
  projectId: project.id,
  kind: 'image',
  status,
  step,
  totalSteps: 10,
  backend: 'wasm',
  backendAdapter: null,
  lastLoss: 1,
  error: null,
  createdAt,
  startedAt: createdAt,
  finishedAt: createdAt + 1,
  baselineOf: null,
  baselineKind: null,
});

describe('the project page in tabs', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    view = undefined;
    window.history.replaceState(null, '', '#');
  });

  const studio = (runs: RunSummary[]) =>
    installFakeStudio({
      'runs.list': () => runs,
      'system.info': () => ({ version: 'test', mode: 'host', dataDir: '/tmp', platform: 'test', lastBackend: 'wasm' }),
      'datasets.examples': () => [],
    });

  it('opens on Train, explains Factors and Export before any model, and keeps the tab in the address', async () => {
    studio([]);
    window.history.replaceState(null, '', `#/project/${project.id}`);
    view = await render(<ProjectView project={project} />);
    const c = view.container;
    expect(selectedTab(c)?.textContent).toBe('Train');
    expect(c.textContent).toContain('Train a model');
    await click(button(c, 'Factors'));
    expect(window.location.hash).toBe(`#/project/${project.id}/factors`);
    expect(c.querySelector('[data-testid="no-model-factors"]')?.textContent).toMatch(/once a model is trained/);
    // Its button leads where the model is made.
    await click(button(c, 'Train a model'));
    expect(selectedTab(c)?.textContent).toBe('Train');
    expect(window.location.hash).toBe(`#/project/${project.id}`);
  });

  it('comes back on the tab in the address, and opening a trained run from Runs shows its factors', async () => {
    const api = studio([run('run-new', 'running', 3, 2000), run('run-old', 'completed', 10, 1000)]);
    window.history.replaceState(null, '', `#/project/${project.id}/runs`);
    view = await render(<ProjectView project={project} />);
    const c = view.container;
    expect(selectedTab(c)?.textContent).toMatch(/^Runs/);
    expect(selectedTab(c)?.querySelector('.tab-count')?.textContent).toBe('2');
    expect(tabs(c)[0]?.textContent).toBe('Train(training now)');
    expect(c.querySelectorAll('[data-testid="run-row"]')).toHaveLength(2);
    const open = Array.from(c.querySelectorAll<HTMLButtonElement>('button')).filter((b) => b.getAttribute('aria-label')?.startsWith('Open the image run'));
    await click(open[1]!);
    expect(selectedTab(c)?.textContent).toBe('Factors');
    expect(window.location.hash).toBe(`#/project/${project.id}/factors`);
    expect(api.callsTo('runs.traversal')).toEqual([{ id: 'run-old', steps: 7, range: 2.5 }]);
    expect(c.querySelector('[data-testid="open-run"]')?.textContent).toMatch(/image run of .* completed/);
    // Focus followed to the tab, not lost with the hidden Open button.
    await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
    await settle();
    expect(document.activeElement?.id).toBe('project-tab-factors');

    // The running run: Factors explains and points back to the dashboard.
    await click(button(c, 'Show the newest run'));
    expect(c.querySelector('[data-testid="no-model-factors"]')?.textContent).toMatch(/still training/);
  });
});
