/**
 * Rendering real React components into jsdom and using them as a person would: by label, by
 * button text, typing and clicking. (No testing-library: these few helpers are all we need.)
 */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  readonly container: HTMLElement;
  unmount(): void;
}

export async function render(node: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(container);
    root.render(node);
  });
  await settle();
  return {
    container,
    unmount: () => {
      act(() => root?.unmount());
      container.remove();
    },
  };
}

/** Lets pending API promises resolve and React re-render. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

/** The form control whose label contains `text` (aria-label, a wrapping <label> or one with htmlFor). */
export function byLabel(container: HTMLElement, text: string): HTMLInputElement | HTMLSelectElement {
  const named = Array.from(container.querySelectorAll('[aria-label]')).find((e) => e.getAttribute('aria-label') === text);
  if (named instanceof HTMLInputElement || named instanceof HTMLSelectElement) return named;
  for (const label of Array.from(container.querySelectorAll('label'))) {
    if (!label.textContent?.includes(text)) continue;
    const control = label.htmlFor ? container.ownerDocument.getElementById(label.htmlFor) : label.querySelector('input, select');
    if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) return control;
  }
  throw new Error(`no control labelled "${text}"`);
}

export function button(container: HTMLElement, name: string): HTMLButtonElement {
  const found = Array.from(container.querySelectorAll('button')).find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

/** Types a value the way React notices (the native setter, then an input event). */
export async function type(control: HTMLInputElement | HTMLSelectElement, value: string): Promise<void> {
  const proto = control instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(control, value);
    control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
  await settle();
}

export async function click(element: HTMLElement): Promise<void> {
  await act(async () => element.click());
  await settle();
}

/** Every message announced as an alert, in order. */
export const alerts = (container: HTMLElement): string[] => Array.from(container.querySelectorAll('[role="alert"]')).map((a) => a.textContent ?? '');

/** The text of the wizard's current step heading ("Step 2 of 4: Preview"). */
export const stepHeading = (container: HTMLElement): string => container.querySelector('.step-heading')?.textContent ?? '';
