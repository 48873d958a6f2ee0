import type { ApiInput } from '../../../../shared/api';
import { fixedFactorLimit, isNumberText, isNumericColumn, isOrderedRange, type ExportFormat, type ExportOptions } from '../../../../shared/exports';

/** The Generate and export form as typed: text stays text until the request is built. Pure, unit-tested. */

export type ConditionKind = 'none' | 'eq' | 'range';

export interface ConditionDraft {
  readonly kind: ConditionKind;
  readonly value: string;
  readonly min: string;
  readonly max: string;
}

export interface ExportFormState {
  readonly n: string;
  readonly format: ExportFormat;
  /** Factor index -> the value typed, for the factors ticked to hold fixed. */
  readonly fixed: Readonly<Record<number, string>>;
  /** Column name -> its condition (tables). */
  readonly conditions: Readonly<Record<string, ConditionDraft>>;
  readonly includeModel: boolean;
  readonly includeCard: boolean;
}

export const noCondition: ConditionDraft = { kind: 'none', value: '', min: '', max: '' };

export function initialExportForm(options: ExportOptions): ExportFormState {
  return { n: options.kind === 'image' ? '100' : '1000', format: options.formats[0] ?? 'csv', fixed: {}, conditions: {}, includeModel: false, includeCard: true };
}

/** Field key -> message, for the fields at fault: 'n', 'fixed.<k>', 'conditions.<column>'. */
export type ExportFormErrors = Readonly<Record<string, string>>;

const number = (text: string) => (text.trim() === '' ? NaN : Number(text));

/** Builds the exports.start request, or says what is wrong with each field. */
export function buildExportRequest(runId: string, options: ExportOptions, form: ExportFormState): { request: ApiInput<'exports.start'> | null; errors: ExportFormErrors } {
  const errors: Record<string, string> = {};
  const n = number(form.n);
  const what = options.kind === 'image' ? 'images' : 'rows';
  if (!Number.isInteger(n) || n < 1) errors['n'] = `How many ${what}: enter a whole number of at least 1.`;
  else if (n > options.maxItems) errors['n'] = `At most ${options.maxItems.toLocaleString()} ${what} at once.`;

  const fixed: { index: number; value: number }[] = [];
  for (const [key, text] of Object.entries(form.fixed)) {
    const value = number(text);
    if (!Number.isFinite(value) || Math.abs(value) > fixedFactorLimit) errors[`fixed.${key}`] = `c${key}: enter a number from ${-fixedFactorLimit} to ${fixedFactorLimit} (most values lie within ±3).`;
    else fixed.push({ index: Number(key), value });
  }

  const conditions: NonNullable<ApiInput<'exports.start'>['conditions']>[number][] = [];
  for (const column of options.columns) {
    const draft = form.conditions[column.name];
    if (!draft || draft.kind === 'none') continue;
    const key = `conditions.${column.name}`;
    if (draft.kind === 'eq') {
      if (draft.value.trim() === '') errors[key] = `${column.name}: choose or enter the value to fix.`;
      // Not blank here, so Number's reading (the service's) is the form's.
      else if (isNumericColumn(column) && !isNumberText(draft.value)) errors[key] = `${column.name}: enter a number.`;
      else conditions.push({ column: column.name, op: 'eq', value: draft.value.trim() });
      continue;
    }
    const min = number(draft.min);
    const max = number(draft.max);
    if (!Number.isFinite(min) || !Number.isFinite(max)) errors[key] = `${column.name}: enter both ends of the range as numbers.`;
    else if (!isOrderedRange({ min, max })) errors[key] = `${column.name}: the lower end (${min}) is above the upper end (${max}).`;
    else conditions.push({ column: column.name, op: 'range', min, max });
  }

  if (Object.keys(errors).length > 0) return { request: null, errors };
  return {
    request: { runId, n, format: form.format, fixed: fixed.sort((a, b) => a.index - b.index), conditions, includeModel: form.includeModel, includeCard: form.includeCard },
    errors,
  };
}

export const formatLabels: Readonly<Record<ExportFormat, string>> = {
  'png-folder': 'PNG images in a folder',
  'png-zip': 'PNG images in one zip file',
  csv: 'CSV',
  parquet: 'Parquet',
  json: 'JSON (array of records)',
};

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
