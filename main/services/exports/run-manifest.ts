import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportColumn } from '../../../shared/exports';
import type { ColumnSchema } from '../../../shared/tabular-schema';
import { parseJsonOr } from './parse-json';

/**
 * A table run's run.json, written by training, records the schema the model was trained on.
 * The columns a condition may use come from there, not from the source file, which may have
 * changed or gone since.
 */
function tableSchema(runDir: string): readonly ColumnSchema[] {
  const file = path.join(runDir, 'run.json');
  const manifest = parseJsonOr<{ schema?: { columns?: ColumnSchema[] } }>(existsSync(file) ? readFileSync(file, 'utf8') : undefined, {});
  return manifest.schema?.columns ?? [];
}

/** The modelled (feature) columns of a table run, with the values and bounds the Generate panel offers. */
export function modelledColumns(runDir: string): ExportColumn[] {
  return tableSchema(runDir)
    .filter((c) => c.role === 'feature')
    .map((c) => ({
      name: c.name,
      type: c.type,
      ...(c.type === 'boolean' ? { values: c.booleanLabels ?? ['true', 'false'] } : c.categories ? { values: c.categories } : {}),
      ...(c.min !== undefined ? { min: c.min } : {}),
      ...(c.max !== undefined ? { max: c.max } : {}),
    }));
}
