// @vitest-environment jsdom
import { act, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLatestRequest } from '../../renderer/src/ui/inspect/use-latest-request';
import { render, settle, type Rendered } from './dom';

/** A request whose answer the test releases by hand. */
interface Pending {
  readonly input: number;
  resolve(output: string): void;
  reject(error: Error): void;
}

function Harness({ sent, expose }: { sent: Pending[]; expose: (request: (n: number) => void) => void }) {
  const [shown, setShown] = useState('none');
  const [error, setError] = useState('');
  const request = useLatestRequest(
    (input: number) => new Promise<string>((resolve, reject) => sent.push({ input, resolve, reject })),
    setShown,
    (e) => setError((e as Error).message),
  );
  expose(request);
  return (
    <p>
      <output data-testid="shown">{shown}</output>
      <output data-testid="error">{error}</output>
    </p>
  );
}

describe('useLatestRequest: one request in flight, the newest input next', () => {
  let view: Rendered | undefined;
  afterEach(() => view?.unmount());

  it('sends the first input at once, skips the inputs overtaken while it runs, and shows only the newest answer', async () => {
    const sent: Pending[] = [];
    let request!: (n: number) => void;
    view = await render(<Harness sent={sent} expose={(r) => (request = r)} />);
    const shown = () => view!.container.querySelector('[data-testid="shown"]')!.textContent;

    act(() => {
      for (let n = 1; n <= 5; n++) request(n);
    });
    expect(sent.map((p) => p.input)).toEqual([1]);

    // The first answer arrives while 5 waits: it is not shown (5 replaces it), and 5 is sent.
    await act(async () => sent[0]!.resolve('one'));
    await settle();
    expect(sent.map((p) => p.input)).toEqual([1, 5]);
    expect(shown()).toBe('none');

    await act(async () => sent[1]!.resolve('five'));
    await settle();
    expect(shown()).toBe('five');
    expect(sent).toHaveLength(2);
  });

  it('reports a failed request and keeps answering the next input', async () => {
    const sent: Pending[] = [];
    let request!: (n: number) => void;
    view = await render(<Harness sent={sent} expose={(r) => (request = r)} />);
    act(() => request(1));
    await act(async () => sent[0]!.reject(new Error('the model is gone')));
    await settle();
    expect(view.container.querySelector('[data-testid="error"]')!.textContent).toBe('the model is gone');
    act(() => request(2));
    await act(async () => sent[1]!.resolve('two'));
    await settle();
    expect(view.container.querySelector('[data-testid="shown"]')!.textContent).toBe('two');
  });
});
