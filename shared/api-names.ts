/**
 * The names of every API method and event. Kept free of runtime dependencies so the
 * sandboxed preload can bundle it to validate channel names without pulling in zod.
 */
export const apiMethodNames = [
  'system.info',
  'projects.list',
  'projects.get',
  'projects.create',
  'projects.rename',
  'projects.delete',
  'runs.list',
  'runs.get',
  'runs.metrics',
  'runs.startCheck',
  'runs.startImage',
  'runs.startTabular',
  'datasets.inspectTable',
  'datasets.inspectImages',
  'datasets.examples',
  'dialogs.open',
  'runs.preview',
  'runs.traversal',
  'runs.decode',
  'runs.cancel',
  'runs.pause',
  'runs.resume',
  'runs.delete',
  'runs.details',
  'runs.factorNames',
  'runs.setFactorNames',
  'runs.factorActivity',
  'runs.evaluate',
  'runs.inspectTabular',
  'runs.timeCalibration',
  'exports.options',
  'exports.start',
  'exports.list',
  'exports.get',
  'exports.saveAs',
  'exports.cancel',
  'exports.downloadLink',
] as const;

export type ApiMethodName = (typeof apiMethodNames)[number];

export const apiEventNames = ['run.updated', 'run.progress', 'run.preview', 'run.deleted', 'projects.changed', 'export.updated', 'export.progress'] as const;

export type ApiEventName = (typeof apiEventNames)[number];

const methodSet: ReadonlySet<string> = new Set(apiMethodNames);
const eventSet: ReadonlySet<string> = new Set(apiEventNames);

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && methodSet.has(name);
}

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && eventSet.has(name);
}
