// @vitest-environment jsdom
import { act, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Tabs } from '../../renderer/src/ui/lib/tabs';
import { click, render, type, type Rendered } from './dom';

type Id = 'one' | 'two' | 'three';

function Harness() {
  const [selected, setSelected] = useState<Id>('one');
  return (
    <Tabs<Id>
      label="Sections"
      idPrefix="t"
      selected={selected}
      onSelect={setSelected}
      tabs={[
        { id: 'one', label: 'One', panel: <input aria-label="Kept" /> },
        { id: 'two', label: 'Two', panel: <p>Second panel</p> },
        { id: 'three', label: 'Three', panel: <p>Third panel</p> },
      ]}
    />
  );
}

const tabs = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
const selectedTab = (c: HTMLElement) => c.querySelector<HTMLButtonElement>('[role="tab"][aria-selected="true"]');
const visiblePanel = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLElement>('[role="tabpanel"]')).filter((p) => !p.hidden);

async function press(key: string): Promise<void> {
  const target = document.activeElement;
  if (!target) throw new Error('nothing has focus');
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

describe('Tabs: the WAI-ARIA tabs pattern', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    view = undefined;
  });

  it('names the list, ties each tab to its panel and keeps only the selected tab in the Tab order', async () => {
    view = await render(<Harness />);
    const c = view.container;
    const list = c.querySelector('[role="tablist"]');
    expect(list?.getAttribute('aria-label')).toBe('Sections');
    expect(tabs(c).map((t) => t.textContent)).toEqual(['One', 'Two', 'Three']);
    expect(tabs(c).map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs(c).map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    for (const tab of tabs(c)) {
      const panel = document.getElementById(tab.getAttribute('aria-controls')!);
      expect(panel?.getAttribute('role')).toBe('tabpanel');
      expect(panel?.getAttribute('aria-labelledby')).toBe(tab.id);
    }
    expect(visiblePanel(c)).toHaveLength(1);
    expect(visiblePanel(c)[0]?.getAttribute('aria-labelledby')).toBe('t-tab-one');
    expect(visiblePanel(c)[0]?.tabIndex).toBe(0);
  });

  it('Right and Left move focus and selection, wrapping at the ends; Home and End jump', async () => {
    view = await render(<Harness />);
    const c = view.container;
    tabs(c)[0]!.focus();
    await press('ArrowRight');
    expect(selectedTab(c)?.textContent).toBe('Two');
    expect(document.activeElement).toBe(selectedTab(c));
    expect(tabs(c).map((t) => t.tabIndex)).toEqual([-1, 0, -1]);
    expect(visiblePanel(c)[0]?.textContent).toBe('Second panel');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(selectedTab(c)?.textContent).toBe('One');
    await press('ArrowLeft');
    expect(selectedTab(c)?.textContent).toBe('Three');
    expect(document.activeElement).toBe(selectedTab(c));
    await press('Home');
    expect(selectedTab(c)?.textContent).toBe('One');
    await press('End');
    expect(selectedTab(c)?.textContent).toBe('Three');
    expect(document.activeElement?.id).toBe('t-tab-three');
    // Other keys are left alone.
    await press('ArrowDown');
    await press('a');
    expect(selectedTab(c)?.textContent).toBe('Three');
  });

  it('selects on click, and a panel shown once keeps its state while hidden', async () => {
    view = await render(<Harness />);
    const c = view.container;
    const kept = c.querySelector<HTMLInputElement>('input[aria-label="Kept"]')!;
    await type(kept, 'typed');
    expect(c.textContent).not.toContain('Third panel');
    await click(tabs(c)[2]!);
    expect(selectedTab(c)?.textContent).toBe('Three');
    expect(kept.closest<HTMLElement>('[role="tabpanel"]')?.hidden).toBe(true);
    await click(tabs(c)[0]!);
    expect(c.querySelector<HTMLInputElement>('input[aria-label="Kept"]')).toBe(kept);
    expect(kept.value).toBe('typed');
  });
});
