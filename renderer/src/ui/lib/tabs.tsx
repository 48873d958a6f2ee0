import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface Tab<K extends string> {
  readonly id: K;
  readonly label: ReactNode;
  /** The panel's content: rendered once its tab is first chosen, then kept (hidden) so its state survives switching. */
  readonly panel: ReactNode;
}

export interface TabsProps<K extends string> {
  /** Names the tab list for screen readers. */
  readonly label: string;
  /** Unique on the page: the tabs' and panels' ids start with it. */
  readonly idPrefix: string;
  readonly tabs: readonly Tab<K>[];
  readonly selected: K;
  readonly onSelect: (id: K) => void;
}

const keyMoves: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

/**
 * Tabs as in the WAI-ARIA tabs pattern: a tablist whose selected tab alone is in the Tab order
 * (roving tabindex); Left/Right (wrapping), Home and End move focus and select the tab they reach.
 * Each panel is labelled by its tab; the others are hidden.
 */
export function Tabs<K extends string>({ label, idPrefix, tabs, selected, onSelect }: TabsProps<K>) {
  const buttons = useRef(new Map<K, HTMLButtonElement>());
  const [visited, setVisited] = useState<ReadonlySet<K>>(() => new Set([selected]));
  // Remember each panel once shown (state adjusted during render, as React recommends for derived state).
  if (!visited.has(selected)) setVisited(new Set([...visited, selected]));
  const tabId = (id: K) => `${idPrefix}-tab-${id}`;
  const panelId = (id: K) => `${idPrefix}-panel-${id}`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = keyMoves[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
    const current = tabs.findIndex((t) => t.id === selected);
    const next = tabs[move(Math.max(current, 0), tabs.length)];
    if (!next) return;
    event.preventDefault();
    buttons.current.get(next.id)?.focus();
    if (next.id !== selected) onSelect(next.id);
  };

  return (
    <div className="tabs">
      <div className="tab-list" role="tablist" aria-label={label} aria-orientation="horizontal" onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const isSelected = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(el) => {
                if (el) buttons.current.set(tab.id, el);
                else buttons.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              className="tab"
              aria-selected={isSelected}
              aria-controls={panelId(tab.id)}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => !isSelected && onSelect(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} role="tabpanel" id={panelId(tab.id)} aria-labelledby={tabId(tab.id)} className="tab-panel" tabIndex={0} hidden={tab.id !== selected}>
          {visited.has(tab.id) || tab.id === selected ? tab.panel : null}
        </div>
      ))}
    </div>
  );
}
