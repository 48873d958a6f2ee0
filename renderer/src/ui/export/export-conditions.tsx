import { isNumericColumn, type ExportColumn } from '../../../../shared/exports';
import { noCondition, type ConditionDraft, type ConditionKind, type ExportFormErrors } from './export-form';

export interface FactorFixesProps {
  readonly factors: number;
  /** Factor index -> value typed, for the ticked factors. */
  readonly fixed: Readonly<Record<number, string>>;
  readonly errors: ExportFormErrors;
  readonly onChange: (fixed: Readonly<Record<number, string>>) => void;
}

/** One row per factor: tick to hold it at a value in every generated item. */
export function FactorFixes({ factors, fixed, errors, onChange }: FactorFixesProps) {
  const set = (k: number, value: string | null) => {
    const next: Record<number, string> = { ...fixed };
    if (value === null) delete next[k];
    else next[k] = value;
    onChange(next);
  };
  return (
    <fieldset className="export-fixes">
      <legend>Hold factors fixed</legend>
      <p className="muted small-text">Unticked factors vary freely. Values near 0 are typical; ±2 is already unusual.</p>
      <div className="export-grid">
        {Array.from({ length: factors }, (_, k) => {
          const on = fixed[k] !== undefined;
          const error = errors[`fixed.${k}`];
          return (
            <div key={k} className="export-fix">
              <label>
                <input type="checkbox" checked={on} onChange={(e) => set(k, e.target.checked ? '0' : null)} /> Fix c{k}
              </label>
              <input
                type="number"
                step={0.1}
                min={-10}
                max={10}
                aria-label={`Value of c${k}`}
                disabled={!on}
                value={fixed[k] ?? ''}
                aria-invalid={error ? true : undefined}
                onChange={(e) => set(k, e.target.value)}
              />
              {error && <span className="error small-text">{error}</span>}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export interface ColumnConditionsProps {
  readonly columns: readonly ExportColumn[];
  readonly conditions: Readonly<Record<string, ConditionDraft>>;
  readonly errors: ExportFormErrors;
  readonly onChange: (conditions: Readonly<Record<string, ConditionDraft>>) => void;
}

/** One row per modelled column: any value, one fixed value, or (numeric columns) a range. */
export function ColumnConditions({ columns, conditions, errors, onChange }: ColumnConditionsProps) {
  const set = (name: string, patch: Partial<ConditionDraft>) => onChange({ ...conditions, [name]: { ...(conditions[name] ?? noCondition), ...patch } });
  return (
    <fieldset className="export-conditions">
      <legend>Conditions on the rows</legend>
      <p className="muted small-text">Only rows that meet every condition are kept; a rare condition takes longer.</p>
      <div className="table-scroll">
        <table className="runs">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Condition</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => {
              const draft = conditions[column.name] ?? noCondition;
              const numeric = isNumericColumn(column);
              const error = errors[`conditions.${column.name}`];
              return (
                <tr key={column.name} data-testid="condition-row">
                  <th scope="row">
                    {column.name} <span className="muted small-text">{column.type}</span>
                  </th>
                  <td>
                    <select aria-label={`Condition on ${column.name}`} value={draft.kind} onChange={(e) => set(column.name, { kind: e.target.value as ConditionKind })}>
                      <option value="none">any value</option>
                      <option value="eq">equal to</option>
                      {numeric && <option value="range">between</option>}
                    </select>
                  </td>
                  <td>
                    {draft.kind === 'eq' && column.values && (
                      <select aria-label={`Value of ${column.name}`} value={draft.value} onChange={(e) => set(column.name, { value: e.target.value })}>
                        <option value="">choose…</option>
                        {column.values.map((v) => (
                          <option key={v} value={v}>
                            {v}
                          </option>
                        ))}
                      </select>
                    )}
                    {draft.kind === 'eq' && !column.values && (
                      <input aria-label={`Value of ${column.name}`} inputMode={numeric ? 'decimal' : 'text'} value={draft.value} onChange={(e) => set(column.name, { value: e.target.value })} />
                    )}
                    {draft.kind === 'range' && (
                      <span className="row">
                        <input aria-label={`Lowest ${column.name}`} inputMode="decimal" size={8} placeholder={column.min?.toString()} value={draft.min} onChange={(e) => set(column.name, { min: e.target.value })} />
                        <span aria-hidden="true">to</span>
                        <input aria-label={`Highest ${column.name}`} inputMode="decimal" size={8} placeholder={column.max?.toString()} value={draft.max} onChange={(e) => set(column.name, { max: e.target.value })} />
                      </span>
                    )}
                    {error && <div className="error small-text">{error}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
