import type { ApiError, ApiEventName, ApiEvents, ApiInput, ApiMethodName, ApiOutput, StudioBridge } from '../../../shared/api';

/** An API call that came back with an error; its message is written for the user. */
export class StudioCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'StudioCallError';
  }
}

function bridge(): StudioBridge {
  if (!window.studio) throw new Error('window.studio is missing: the app was opened outside Factor Studio.');
  return window.studio;
}

/** Calls one API method; resolves with its value or throws a StudioCallError. */
export async function call<M extends ApiMethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await bridge().invoke(method, input);
  if (!result.ok) throw new StudioCallError(result.error);
  return result.value;
}

/** Subscribes to an API event; returns the unsubscribe function. */
export function subscribe<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
  return bridge().on(event, listener);
}

/** Calls `load` now and again whenever one of `runIds` is updated (its final metrics stored, say); returns the unsubscribe. */
export function loadAndReloadOnRunUpdate(runIds: readonly string[], load: () => void): () => void {
  load();
  return subscribe('run.updated', (run) => {
    if (runIds.includes(run.id)) load();
  });
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
