import { z } from 'zod';
import type { ApiMethodName, ApiOutput, ApiParsedInput, ApiResult } from '../shared/api';
import { apiMethods } from '../shared/api';
import { isApiMethodName } from '../shared/api-names';
import { StudioError } from './services/errors';
import type { NativeDialogs } from './native-dialogs';
import type { Services } from './services';

type Handlers = { [M in ApiMethodName]: (input: ApiParsedInput<M>) => ApiOutput<M> | Promise<ApiOutput<M>> };

/** One handler per API method; each receives input already validated against the shared schema. */
function handlers(s: Services, dialogs: NativeDialogs | undefined): Handlers {
  return {
    'system.info': () => s.systemInfo(),
    'projects.list': () => s.projects.list(),
    'projects.get': ({ id }) => s.projects.get(id),
    'projects.create': ({ name, kind }) => s.projects.create(name, kind),
    'projects.rename': ({ id, name }) => s.projects.rename(id, name),
    'projects.delete': ({ id }) => {
      s.projects.delete(id);
      return { deleted: true };
    },
    'runs.list': ({ projectId }) => s.runs.list(projectId),
    'runs.get': ({ id }) => s.runs.get(id),
    'runs.metrics': ({ id }) => s.runs.metrics(id),
    'runs.startCheck': ({ projectId, steps, seed }) => s.runs.startCheck(projectId, steps, seed),
    'runs.startImage': ({ projectId, config, baselines }) => s.runs.startImage(projectId, config, baselines),
    'runs.startTabular': ({ projectId, config, overrides }) => s.runs.startTabular(projectId, config, overrides),
    'datasets.inspectTable': ({ path, overrides }) => s.datasets.inspectTable(path, overrides),
    'datasets.inspectImages': (request) => s.datasets.inspectImages(request),
    'datasets.examples': () => s.datasets.examples(),
    'dialogs.open': async ({ kind }) => {
      if (!dialogs) throw new StudioError('unavailable', 'There is no file dialog in host mode: type the full path instead.');
      return { path: await dialogs.open(kind) };
    },
    'runs.preview': ({ id }) => s.runs.preview(id),
    'runs.traversal': ({ id, steps, range }) => s.inspect.traversal(id, steps, range),
    'runs.decode': ({ id, c }) => s.inspect.decode(id, c),
    'runs.cancel': ({ id }) => s.runs.cancel(id),
    'runs.pause': ({ id }) => s.runs.pause(id),
    'runs.resume': ({ id }) => s.runs.resume(id),
    'runs.delete': ({ id }) => {
      s.runs.delete(id);
      return { deleted: true };
    },
    'runs.details': ({ id }) => s.runs.details(id),
    'runs.factorNames': ({ id }) => s.runs.factorNames(id),
    'runs.setFactorNames': ({ id, names }) => s.runs.setFactorNames(id, names),
    'runs.factorActivity': ({ id }) => s.inspect.factorActivity(id),
    'runs.evaluate': ({ id }) => s.evaluations.evaluate(id),
    'runs.inspectTabular': ({ id, range }) => s.inspect.inspectTabular(id, range),
    'runs.timeCalibration': ({ kind, backend }) => s.timing.calibration(kind, backend),
    'exports.options': ({ runId }) => s.exports.options(runId),
    'exports.start': (request) => s.exports.start(request),
    'exports.list': ({ projectId }) => s.exports.list(projectId),
    'exports.get': ({ id }) => s.exports.get(id),
    'exports.saveAs': ({ id }) => s.exports.saveAs(id, dialogs?.save?.bind(dialogs)),
    'exports.cancel': ({ id }) => s.exports.cancel(id),
    // Host mode's server answers this itself (it holds the links); no other transport downloads through a browser.
    'exports.downloadLink': () => {
      throw new StudioError('unavailable', 'Download links exist in host mode only: use Save as instead.');
    },
  };
}

export type Dispatch = (method: unknown, input: unknown) => Promise<ApiResult<unknown>>;

function invalidInput(error: z.ZodError): StudioError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : 'invalid input';
  return new StudioError('invalid_input', message, field);
}

/**
 * The single entry for every transport (Electron IPC, host mode HTTP, tests): checks the
 * method name, validates the payload with the shared schema, runs the handler, and wraps
 * the outcome in an envelope. Unexpected errors are logged and reported without internals.
 * `dialogs` exist under Electron only.
 */
export function createDispatch(services: Services, log: (message: string) => void = console.error, dialogs?: NativeDialogs): Dispatch {
  const table = handlers(services, dialogs) as Record<ApiMethodName, (input: unknown) => unknown>;
  return async (method, input) => {
    try {
      if (!isApiMethodName(method)) throw new StudioError('not_found', `There is no API method named ${JSON.stringify(method)}.`);
      const parsed = apiMethods[method].input.safeParse(input ?? {});
      if (!parsed.success) throw invalidInput(parsed.error);
      const value = await table[method](parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof StudioError) return { ok: false, error: error.toApiError() };
      log(`[api] ${String(method)} failed: ${(error as Error).stack ?? String(error)}`);
      return { ok: false, error: { code: 'internal', message: `Something went wrong: ${(error as Error).message}` } };
    }
  };
}
