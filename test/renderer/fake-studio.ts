/**
 * window.studio for component tests: answers the few API methods a component calls with
 * values the test gives, and records every call, so a test can tell that a blocked step sent
 * nothing. The real API behind these methods is covered by test/integration and test/e2e.
 */
import type { ApiError, ApiMethodName, ApiResult, StudioBridge } from '../../shared/api';

export type Answer = (input: unknown) => unknown;

/** An API error answer, as the main process would send it. */
export class FakeApiError {
  constructor(readonly error: ApiError) {}
}

export interface FakeStudio {
  readonly calls: { method: ApiMethodName; input: unknown }[];
  callsTo(method: ApiMethodName): unknown[];
}

export function installFakeStudio(answers: Partial<Record<ApiMethodName, Answer>>): FakeStudio {
  const calls: { method: ApiMethodName; input: unknown }[] = [];
  const bridge: StudioBridge = {
    invoke(method, input) {
      calls.push({ method, input });
      const answer = answers[method];
      if (!answer) return Promise.resolve({ ok: false, error: { code: 'not_found', message: `${method} is not answered in this test` } }) as never;
      const value = answer(input);
      const result: ApiResult<unknown> = value instanceof FakeApiError ? { ok: false, error: value.error } : { ok: true, value };
      return Promise.resolve(result) as never;
    },
    on: () => () => {},
  };
  window.studio = bridge;
  return { calls, callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.input) };
}
