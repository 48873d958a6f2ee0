import { z } from 'zod';
import { idSchema } from './schemas';
import { isNumericType, type ColumnType } from './tabular-schema';

/**
 * Generate and export: the request the renderer sends, and the plain models it gets back.
 * An export is a folder in the project (exports/<exportId>/) holding the generated data and,
 * on request, the model files and a card describing how it was made.
 */

export const imageExportFormats = ['png-folder', 'png-zip'] as const;
export const tableExportFormats = ['csv', 'parquet', 'json'] as const;
export type ImageExportFormat = (typeof imageExportFormats)[number];
export type TableExportFormat = (typeof tableExportFormats)[number];
export type ExportFormat = ImageExportFormat | TableExportFormat;

export const maxExportImages = 10_000;
export const maxExportRows = 1_000_000;

export function isImageExportFormat(format: ExportFormat): format is ImageExportFormat {
  return (imageExportFormats as readonly string[]).includes(format);
}

/** The formats a model of this kind exports as: what the Generate panel offers and the service accepts. */
export const exportFormatsFor = (kind: 'image' | 'tabular'): readonly ExportFormat[] => (kind === 'image' ? imageExportFormats : tableExportFormats);

/** The most images or rows one export makes: the form's limit and the service's. */
export const maxExportItems = (kind: 'image' | 'tabular'): number => (kind === 'image' ? maxExportImages : maxExportRows);

const exportFormats = [...imageExportFormats, ...tableExportFormats] as const;

/** A fixed factor's value lies within ±this: the form, the schema and their messages read it here. */
export const fixedFactorLimit = 10;

/**
 * Columns that take a numeric range condition, and whose exact value must be a number
 * (datetimes are compared in epoch ms). The form offers "between" only for these; the
 * service refuses a range on any other.
 */
export const isNumericColumn = (column: { readonly type: ColumnType }): boolean => isNumericType(column.type);

/** An exact value for a numeric column: text that Number reads as finite, as the engine reads it. */
export const isNumberText = (text: string): boolean => Number.isFinite(Number(text));

/** A range condition's ends are in order (equal ends keep one value). */
export const isOrderedRange = (range: { readonly min: number; readonly max: number }): boolean => range.min <= range.max;

const columnName = z.string().min(1, { message: 'expected a column name' }).max(1000);

/** Mirrors RowCondition (shared/tabular-config.ts): a column fixed to a value, or a numeric range. */
export const rowConditionSchema = z.discriminatedUnion('op', [
  z.object({ column: columnName, op: z.literal('eq'), value: z.string().min(1, { message: 'expected a value' }).max(1000) }).strict(),
  z
    .object({ column: columnName, op: z.literal('range'), min: z.number({ message: 'expected a number' }), max: z.number({ message: 'expected a number' }) })
    .strict()
    .refine(isOrderedRange, { message: 'the range minimum must not be above its maximum', path: ['max'] }),
]);

export const fixedFactorSchema = z
  .object({
    index: z.number().int().min(0).max(63),
    value: z
      .number({ message: 'expected a number' })
      .min(-fixedFactorLimit, { message: `a factor value must be at least ${-fixedFactorLimit}` })
      .max(fixedFactorLimit, { message: `a factor value can be at most ${fixedFactorLimit}` }),
  })
  .strict();

export const exportRequestSchema = z
  .object({
    runId: idSchema,
    n: z.number({ message: 'expected how many to generate' }).int({ message: 'how many must be a whole number' }).min(1, { message: 'generate at least 1' }).max(maxExportRows, { message: `at most ${maxExportRows} at once` }),
    format: z.enum(exportFormats, { message: `expected a format: ${exportFormats.slice(0, -1).join(', ')} or ${exportFormats.at(-1)}` }),
    fixed: z
      .array(fixedFactorSchema)
      .max(64)
      .default([])
      .refine((list) => new Set(list.map((f) => f.index)).size === list.length, { message: 'each factor can be fixed once' }),
    conditions: z.array(rowConditionSchema).max(100).default([]),
    includeModel: z.boolean().default(false),
    includeCard: z.boolean().default(true),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict();

export type ExportRequest = z.output<typeof exportRequestSchema>;

export type ExportStatus = 'running' | 'completed' | 'failed';

/** One top-level file or folder of a finished export. */
export interface ExportEntry {
  readonly name: string;
  readonly kind: 'file' | 'folder';
  readonly bytes: number;
  /** Files inside (1 for a file). */
  readonly files: number;
}

export interface ExportSummary {
  readonly id: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly runId: string | null;
  readonly format: ExportFormat;
  readonly status: ExportStatus;
  /** What was asked for. */
  readonly request: { readonly n: number; readonly fixed: ExportRequest['fixed']; readonly conditions: ExportRequest['conditions']; readonly includeModel: boolean; readonly includeCard: boolean; readonly seed: number };
  /** Images or rows written, once finished. */
  readonly itemCount: number | null;
  readonly bytes: number | null;
  readonly error: string | null;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  /** The export folder, relative to the project folder. */
  readonly path: string;
  readonly entries: readonly ExportEntry[];
}

export interface ExportProgress {
  readonly exportId: string;
  /** 'generate' (images or rows), 'package' (zip, model, card), 'report' (tables' quality report). */
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

/** What the Generate panel offers for one run: its factors, and for tables the columns a condition may use. */
export interface ExportOptions {
  readonly runId: string;
  readonly kind: 'image' | 'tabular';
  readonly factors: number;
  readonly formats: readonly ExportFormat[];
  readonly maxItems: number;
  readonly columns: readonly ExportColumn[];
}

export interface ExportColumn {
  readonly name: string;
  readonly type: ColumnType;
  /** Categorical and boolean columns: the values seen. */
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

/** exports.saveAs: under Electron a copy to the chosen folder; in host mode the address to download. */
export type ExportSaveResult =
  | { readonly kind: 'saved'; readonly path: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'download'; readonly url: string };

/** The host-mode address of an export (a zip of the folder) or of one entry in it. */
export function exportDownloadUrl(exportId: string, entry?: string): string {
  return `/downloads/${exportId}${entry === undefined ? '' : `/${encodeURIComponent(entry)}`}`;
}
