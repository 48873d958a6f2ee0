import { describe, expect, it } from 'vitest';
import { buildExportRequest, formatBytes, initialExportForm, type ExportFormState } from '../../renderer/src/ui/export/export-form';
import { exportRequestSchema, type ExportOptions } from '../../shared/exports';

const runId = '6f1c2a1e-2b7a-4f55-9d2e-0c1d2e3f4a5b';
const table: ExportOptions = {
  runId,
  kind: 'tabular',
  factors: 4,
  formats: ['csv', 'parquet', 'json'],
  maxItems: 1_000_000,
  columns: [
    { name: 'height', type: 'float', min: 10, max: 19 },
    { name: 'kind', type: 'categorical', values: ['fern', 'moss'] },
  ],
};
const images: ExportOptions = { runId, kind: 'image', factors: 3, formats: ['png-folder', 'png-zip'], maxItems: 10_000, columns: [] };

describe('the Generate and export form', () => {
  it('builds a request the API schema accepts, with conditions and fixed factors', () => {
    const form: ExportFormState = {
      ...initialExportForm(table),
      n: '250',
      format: 'parquet',
      fixed: { 2: '-1.5', 0: '0.5' },
      conditions: { height: { kind: 'range', value: '', min: '11', max: '14.5' }, kind: { kind: 'eq', value: 'fern', min: '', max: '' } },
      includeModel: true,
    };
    const { request, errors } = buildExportRequest(runId, table, form);
    expect(errors).toEqual({});
    expect(request).toEqual({
      runId,
      n: 250,
      format: 'parquet',
      fixed: [
        { index: 0, value: 0.5 },
        { index: 2, value: -1.5 },
      ],
      conditions: [
        { column: 'height', op: 'range', min: 11, max: 14.5 },
        { column: 'kind', op: 'eq', value: 'fern' },
      ],
      includeModel: true,
      includeCard: true,
    });
    expect(exportRequestSchema.safeParse(request).success).toBe(true);
  });

  it('names each field at fault and what to enter', () => {
    const form: ExportFormState = {
      ...initialExportForm(table),
      n: '2.5',
      fixed: { 1: 'abc', 3: '11' },
      conditions: { height: { kind: 'range', value: '', min: '15', max: '12' }, kind: { kind: 'eq', value: '', min: '', max: '' } },
    };
    const { request, errors } = buildExportRequest(runId, table, form);
    expect(request).toBeNull();
    expect(errors).toEqual({
      n: 'How many rows: enter a whole number of at least 1.',
      'fixed.1': 'c1: enter a number from -10 to 10 (most values lie within ±3).',
      'fixed.3': 'c3: enter a number from -10 to 10 (most values lie within ±3).',
      'conditions.height': 'height: the lower end (15) is above the upper end (12).',
      'conditions.kind': 'kind: choose or enter the value to fix.',
    });
  });

  it('caps how many images at the model limit and starts from the first image format', () => {
    const form = initialExportForm(images);
    expect(form.format).toBe('png-folder');
    expect(buildExportRequest(runId, images, { ...form, n: '20000' }).errors).toEqual({ n: 'At most 10,000 images at once.' });
    expect(buildExportRequest(runId, images, { ...form, n: '' }).errors['n']).toMatch(/whole number/);
  });

  it('writes sizes for people', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(35 * 1024 * 1024)).toBe('35 MB');
  });
});
