import { describe, expect, it } from 'vitest';
import { estimateSeconds, preset } from '../../renderer/src/ui/train/settings';
import { startRequest } from '../../renderer/src/ui/wizard/run-request';
import { hasErrors, validateData, validateTablePreview } from '../../renderer/src/ui/wizard/validate';
import { initialDataChoice } from '../../renderer/src/ui/wizard/wizard-steps';
import type { TableSchema } from '../../shared/tabular-schema';

const examples = [{ id: 'cars' as const, label: 'Cars', description: '', path: '/app/cars.json' }];

describe('new-model wizard rules', () => {
  it('needs a full path for a folder or a table file, and a source that fits the project', () => {
    const image = initialDataChoice('image');
    expect(validateData('image', image, [])).toEqual({});
    expect(validateData('image', { ...image, source: 'folder', path: ' ' }, []).path).toBe("Enter the folder's full path");
    expect(validateData('image', { ...image, source: 'folder', path: 'C:\\pictures' }, [])).toEqual({});
    expect(validateData('image', { ...image, source: 'file', path: '/a.csv' }, []).source).toMatch(/images for an image project/);
    const table = initialDataChoice('tabular');
    expect(validateData('tabular', { ...table, path: '/data/t.parquet' }, examples).path).toMatch(/\.csv, \.tsv/);
    expect(validateData('tabular', { ...table, source: 'example', example: 'cars' }, null).source).toMatch(/still loading/);
    expect(validateData('tabular', { ...table, source: 'example', example: 'movies' }, examples).source).toMatch(/not installed/);
    expect(hasErrors(validateData('tabular', { ...table, source: 'example', example: 'cars' }, examples))).toBe(false);
  });

  it('refuses an empty table and one with every column left out', () => {
    const base: TableSchema = { columns: [{ name: 'a', type: 'float', role: 'feature', missing: 0, distinct: 3 }], rowCount: 5, skippedRows: 0, issues: [], format: ',', fingerprint: '' };
    expect(validateTablePreview(base)).toEqual({});
    expect(validateTablePreview({ ...base, rowCount: 0 }).preview).toMatch(/no rows/);
    expect(validateTablePreview({ ...base, columns: [{ ...base.columns[0]!, role: 'excluded' }] }).preview).toMatch(/Every column is left out/);
  });

  it('estimates faster on a GPU than on WebAssembly, WebAssembly when the backend is unknown', () => {
    const s = preset('image', 'balanced');
    expect(estimateSeconds('image', s, null)).toBe(estimateSeconds('image', s));
    expect(estimateSeconds('image', s, 'wasm')).toBe(estimateSeconds('image', s));
    expect(estimateSeconds('image', s, 'tensorflow-gpu')).toBeLessThan(estimateSeconds('image', s, 'tensorflow'));
    expect(estimateSeconds('image', s, 'cpu')).toBeGreaterThan(estimateSeconds('image', s, 'wasm'));
  });

  it('starts a table run on an example table by its path on this computer', () => {
    const request = startRequest('p1', 'tabular', { ...initialDataChoice('tabular'), source: 'example', example: 'cars' }, examples, preset('tabular', 'quick'), [{ column: 'Name', role: 'excluded' }]);
    expect(request).toMatchObject({ method: 'runs.startTabular', input: { projectId: 'p1', config: { data: '/app/cars.json', stage2: 'flow' }, overrides: [{ column: 'Name', role: 'excluded' }] } });
  });
});
