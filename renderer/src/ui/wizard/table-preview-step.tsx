import type { ColumnOverrideSpec } from '../../../../shared/tabular-config';
import type { TableSchema } from '../../../../shared/tabular-schema';
import { SchemaEditor } from '../train/schema-editor';

export interface TablePreviewStepProps {
  readonly schema: TableSchema;
  readonly overrides: readonly ColumnOverrideSpec[];
  /** True while the table is read again with new overrides. */
  readonly busy: boolean;
  readonly onOverride: (overrides: ColumnOverrideSpec[]) => void;
}

/** Step 2 for tables: the inferred schema, each column's type and use editable, missing values counted. */
export function TablePreviewStep({ schema, overrides, busy, onOverride }: TablePreviewStepProps) {
  const modelled = schema.columns.filter((c) => c.role === 'feature').length;
  const missing = schema.columns.reduce((sum, c) => sum + c.missing, 0);
  return (
    <div className="table-preview" aria-busy={busy}>
      <p data-testid="table-summary">
        {schema.columns.length} columns, {modelled} modelled; {missing.toLocaleString()} missing value{missing === 1 ? '' : 's'} in all.{' '}
        <span className="muted">Change a column’s type or leave it out; the table is read again with your choice.</span>
      </p>
      {busy && (
        <p className="muted" role="status">
          Reading the table again…
        </p>
      )}
      <SchemaEditor schema={schema} overrides={overrides} busy={busy} onOverride={onOverride} />
    </div>
  );
}
