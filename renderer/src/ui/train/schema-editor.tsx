import type { ColumnOverrideSpec } from '../../../../shared/tabular-config';
import type { ColumnType, TableSchema } from '../../../../shared/tabular-schema';

export interface SchemaEditorProps {
  readonly schema: TableSchema;
  readonly overrides: readonly ColumnOverrideSpec[];
  readonly busy: boolean;
  /** The full new list of overrides; the table is read again with them. */
  readonly onOverride: (overrides: ColumnOverrideSpec[]) => void;
}

const types: readonly ColumnType[] = ['integer', 'float', 'categorical', 'boolean', 'datetime'];

/** The inferred schema: each column's type and role editable, missing counts, and the reader's issues. */
export function SchemaEditor({ schema, overrides, busy, onOverride }: SchemaEditorProps) {
  const set = (column: string, change: Omit<ColumnOverrideSpec, 'column'>) => {
    const others = overrides.filter((o) => o.column !== column);
    const current = overrides.find((o) => o.column === column) ?? { column };
    onOverride([...others, { ...current, ...change }]);
  };
  return (
    <div className="schema">
      <p className="muted">
        {schema.rowCount} rows read{schema.skippedRows > 0 ? `, ${schema.skippedRows} skipped (see below)` : ''}; delimiter {JSON.stringify(schema.format)}.
      </p>
      <table className="runs">
        <caption className="visually-hidden">Columns of the table</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Use</th>
            <th scope="col">Missing</th>
            <th scope="col">Distinct</th>
          </tr>
        </thead>
        <tbody>
          {schema.columns.map((c) => (
            <tr key={c.name} data-testid="schema-row">
              <th scope="row">{c.name}</th>
              <td>
                <select aria-label={`Type of ${c.name}`} value={c.type} disabled={busy} onChange={(e) => set(c.name, { type: e.target.value as ColumnType })}>
                  {types.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select aria-label={`Use of ${c.name}`} value={c.role} disabled={busy} onChange={(e) => set(c.name, { role: e.target.value === 'excluded' ? 'excluded' : 'feature' })}>
                  <option value="feature">model it</option>
                  <option value="excluded">leave out{c.excludedReason && c.excludedReason !== 'user' ? ` (${c.excludedReason})` : ''}</option>
                </select>
              </td>
              <td>{c.missing}</td>
              <td>{c.distinct}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {schema.issues.length > 0 && (
        <details className="issues" open={schema.issues.some((i) => i.severity === 'error')}>
          <summary>{schema.issues.length} note(s) about the file</summary>
          <ul>
            {schema.issues.map((issue, i) => (
              <li key={i} className={issue.severity === 'error' ? 'error' : undefined}>
                {issue.row !== undefined ? `Row ${issue.row}: ` : ''}
                {issue.column !== undefined ? `${issue.column}: ` : ''}
                {issue.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
