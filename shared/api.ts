import { z } from 'zod';
import type { ApiEventName, ApiMethodName } from './api-names';
import { imageModelConfigSchema } from './image-config';
import { tabularModelConfigSchema } from './tabular-config';
import type { TableSchema } from './tabular-schema';
import type { ExampleTable, ImagePreview } from './dataset-preview';
import { exportRequestSchema, type ExportOptions, type ExportProgress, type ExportSaveResult, type ExportSummary } from './exports';
import type { FactorActivity, MetricSeries, Project, RunDetails, RunInspection, RunPreview, RunProgress, RunSummary, SystemInfo, TabularInspection } from './models';
import { backendLadder } from './compute-protocol';
import type { TimeCalibration } from './time-calibration';
import { emptyInputSchema, idSchema, projectKindSchema, projectNameSchema, userPathSchema } from './schemas';

/**
 * The one API contract. Every method has an input schema (validated in the main process,
 * whatever the transport: Electron IPC or host mode's HTTP) and an output type.
 */

interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom field carrying the output type (boxed, so null outputs survive NonNullable); never set at runtime. */
  readonly output?: { readonly type: O };
}

function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}

export const checkStepsLimit = 1_000_000;

const columnOverrideSchema = z
  .object({
    column: z.string().min(1).max(1000),
    type: z.enum(['integer', 'float', 'categorical', 'boolean', 'datetime']).optional(),
    role: z.enum(['feature', 'excluded']).optional(),
  })
  .strict();

export const apiMethods = {
  'system.info': method<SystemInfo>()(emptyInputSchema),
  'projects.list': method<Project[]>()(emptyInputSchema),
  'projects.get': method<Project>()(z.object({ id: idSchema }).strict()),
  'projects.create': method<Project>()(
    z.object({ name: projectNameSchema, kind: projectKindSchema.default('image') }).strict(),
  ),
  'projects.rename': method<Project>()(z.object({ id: idSchema, name: projectNameSchema }).strict()),
  'projects.delete': method<{ deleted: true }>()(z.object({ id: idSchema }).strict()),
  'runs.list': method<RunSummary[]>()(z.object({ projectId: idSchema }).strict()),
  'runs.get': method<RunSummary>()(z.object({ id: idSchema }).strict()),
  'runs.metrics': method<MetricSeries[]>()(z.object({ id: idSchema }).strict()),
  'runs.startCheck': method<RunSummary>()(
    z
      .object({
        projectId: idSchema,
        steps: z
          .number({ message: 'expected the number of steps' })
          .int({ message: 'steps must be a whole number' })
          .min(1, { message: 'steps must be at least 1' })
          .max(checkStepsLimit, { message: `steps can be at most ${checkStepsLimit}` })
          .default(500),
        seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
      })
      .strict(),
  ),
  'runs.startImage': method<RunSummary>()(
    z
      .object({
        projectId: idSchema,
        config: imageModelConfigSchema,
        /** Also queue the paper's three baselines of this MS-VAE run (shared/baselines.ts). */
        baselines: z.boolean().default(false),
      })
      .strict(),
  ),
  'runs.startTabular': method<RunSummary>()(
    z.object({ projectId: idSchema, config: tabularModelConfigSchema, overrides: z.array(columnOverrideSchema).max(10_000).default([]) }).strict(),
  ),
  'datasets.inspectTable': method<TableSchema>()(
    z.object({ path: userPathSchema, overrides: z.array(columnOverrideSchema).max(10_000).default([]) }).strict(),
  ),
  'datasets.inspectImages': method<ImagePreview>()(
    z
      .object({
        /** 'dsprites', 'mnist' or an absolute folder path. */
        data: z.string().min(1).max(4096),
        imageSize: z.union([z.literal(32), z.literal(64)]).default(32),
        channels: z.union([z.literal(1), z.literal(3)]).default(3),
        fit: z.enum(['crop', 'pad']).default('crop'),
        samples: z.number().int().min(1).max(64).default(16),
      })
      .strict(),
  ),
  'datasets.examples': method<ExampleTable[]>()(emptyInputSchema),
  /** The native open dialog (Electron only; host mode answers 'unavailable'). path is null when cancelled. */
  'dialogs.open': method<{ path: string | null }>()(z.object({ kind: z.enum(['folder', 'table']) }).strict()),
  'runs.traversal': method<RunInspection>()(
    z.object({ id: idSchema, steps: z.number().int().min(2).max(15).default(7), range: z.number().min(0.5).max(6).default(2.5) }).strict(),
  ),
  'runs.decode': method<RunInspection>()(z.object({ id: idSchema, c: z.array(z.number().min(-10).max(10)).min(1).max(64) }).strict()),
  'runs.preview': method<RunPreview | null>()(z.object({ id: idSchema }).strict()),
  'runs.cancel': method<RunSummary>()(z.object({ id: idSchema }).strict()),
  'runs.pause': method<RunSummary>()(z.object({ id: idSchema }).strict()),
  'runs.resume': method<RunSummary>()(z.object({ id: idSchema }).strict()),
  'runs.delete': method<{ deleted: true }>()(z.object({ id: idSchema }).strict()),
  'runs.details': method<RunDetails>()(z.object({ id: idSchema }).strict()),
  'runs.factorNames': method<string[]>()(z.object({ id: idSchema }).strict()),
  'runs.setFactorNames': method<string[]>()(
    z.object({ id: idSchema, names: z.array(z.string().max(60, { message: 'a factor name can be at most 60 characters' })).max(64) }).strict(),
  ),
  'runs.factorActivity': method<FactorActivity>()(z.object({ id: idSchema }).strict()),
  'runs.evaluate': method<Record<string, number>>()(z.object({ id: idSchema }).strict()),
  'runs.inspectTabular': method<TabularInspection>()(z.object({ id: idSchema, range: z.number().min(0.5).max(4).default(2) }).strict()),
  /**
   * How fast this computer trains `kind` on `backend`, from its own finished runs (read-only):
   * the factor the time estimate is scaled by. backend null (none known yet): the latest timed run's.
   */
  'runs.timeCalibration': method<TimeCalibration>()(
    z.object({ kind: projectKindSchema, backend: z.enum(backendLadder, { message: `expected a backend: ${backendLadder.join(', ')}` }).nullable().default(null) }).strict(),
  ),
  'exports.options': method<ExportOptions>()(z.object({ runId: idSchema }).strict()),
  'exports.start': method<ExportSummary>()(exportRequestSchema),
  'exports.list': method<ExportSummary[]>()(z.object({ projectId: idSchema.optional() }).strict()),
  'exports.get': method<ExportSummary>()(z.object({ id: idSchema }).strict()),
  'exports.saveAs': method<ExportSaveResult>()(z.object({ id: idSchema }).strict()),
  'exports.cancel': method<ExportSummary>()(z.object({ id: idSchema }).strict()),
  /**
   * Host mode only: a single-use link, valid for a minute, to download an export (entry: one of
   * its top-level files or folders; none for the whole export as a zip). The browser follows it
   * without the access token, which never goes into a URL. Electron and the CLI answer 'unavailable'.
   */
  'exports.downloadLink': method<{ url: string; expiresAt: string }>()(
    z.object({ id: idSchema, entry: z.string().min(1).max(1000).optional() }).strict(),
  ),
} as const satisfies Record<ApiMethodName, MethodSpec<z.ZodType, unknown>>;

type Methods = typeof apiMethods;

/** What a caller passes (defaults may be omitted). */
export type ApiInput<M extends ApiMethodName> = z.input<Methods[M]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ApiParsedInput<M extends ApiMethodName> = z.output<Methods[M]['input']>;
export type ApiOutput<M extends ApiMethodName> = NonNullable<Methods[M]['output']>['type'];

export interface ApiEvents {
  'run.updated': RunSummary;
  'run.progress': RunProgress;
  'run.preview': { readonly runId: string; readonly step: number };
  'run.deleted': { readonly id: string; readonly projectId: string };
  'projects.changed': { readonly reason: 'created' | 'renamed' | 'deleted'; readonly id: string };
  'export.updated': ExportSummary;
  'export.progress': ExportProgress;
}

export type ApiEventPayload<E extends ApiEventName> = ApiEvents[E];

/** Every response is an envelope, so errors keep their code and field across any transport. */
export type ApiErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'unavailable' | 'internal';

export interface ApiError {
  readonly code: ApiErrorCode;
  readonly message: string;
  /** The input field at fault, dotted, when there is one. */
  readonly field?: string;
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/**
 * What the renderer sees as window.studio: in Electron from the preload, in host mode from
 * a small HTTP + WebSocket client. Nothing else crosses into the renderer.
 */
export interface StudioBridge {
  invoke<M extends ApiMethodName>(method: M, input: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export type { ApiEventName, ApiMethodName } from './api-names';
