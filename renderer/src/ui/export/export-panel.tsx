import { useEffect, useId, useState } from 'react';
import type { ExportOptions } from '../../../../shared/exports';
import type { RunSummary } from '../../../../shared/models';
import { call, messageOf, StudioCallError } from '../../api/studio';
import { exportsStore } from '../../stores/exports-store';
import { useStore } from '../../stores/use-store';
import { ErrorMessage } from '../lib/error-message';
import { formatDate } from '../lib/format';
import { ColumnConditions, FactorFixes } from './export-conditions';
import { buildExportRequest, formatLabels, initialExportForm, type ExportFormErrors, type ExportFormState } from './export-form';
import { ExportResult } from './export-result';

export interface ExportPanelProps {
  /** A finished image or table run with a trained model. */
  readonly run: RunSummary;
}

/** Generate and export for one trained run: how many, conditions, format, what to include; then progress and the files. */
export function ExportPanel({ run }: ExportPanelProps) {
  const { exports, progress } = useStore(exportsStore);
  const [options, setOptions] = useState<ExportOptions | null>(null);
  const [form, setForm] = useState<ExportFormState | null>(null);
  const [errors, setErrors] = useState<ExportFormErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const ids = useId();

  useEffect(() => {
    let live = true;
    call('exports.options', { runId: run.id })
      .then((o) => {
        if (!live) return;
        setOptions(o);
        setForm(initialExportForm(o));
      })
      .catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [run.id]);

  const history = exports.filter((e) => e.runId === run.id);
  const latest = history[0] ?? null;
  const busy = starting || latest?.status === 'running';
  const image = options?.kind === 'image';
  const update = (patch: Partial<ExportFormState>) => form && setForm({ ...form, ...patch });

  const submit = async () => {
    if (!options || !form) return;
    const built = buildExportRequest(run.id, options, form);
    setErrors(built.errors);
    if (!built.request) return;
    setStarting(true);
    setError(null);
    try {
      await exportsStore.begin(built.request);
    } catch (e) {
      // A field the service refused is shown on that field when the form has one.
      const field = e instanceof StudioCallError ? e.error.field : undefined;
      if (field === 'n') setErrors({ n: messageOf(e) });
      else setError(messageOf(e));
    } finally {
      setStarting(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="export-heading">
      <h3 id="export-heading">Generate and export</h3>
      <ErrorMessage message={error} />
      {!options && !error && <p className="muted">Reading the model's factors…</p>}
      {options && form && (
        <form
          className="export-form"
          // The form's own messages (on the field, saying what to enter) replace the browser's bubbles.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="field-grid">
            <div className="field">
              <label htmlFor={`${ids}-n`}>{image ? 'How many images' : 'How many rows'}</label>
              <input id={`${ids}-n`} type="number" min={1} max={options.maxItems} value={form.n} aria-invalid={errors['n'] ? true : undefined} onChange={(e) => update({ n: e.target.value })} />
              {errors['n'] && <span className="error small-text">{errors['n']}</span>}
            </div>
            <div className="field">
              <label htmlFor={`${ids}-format`}>Format</label>
              <select id={`${ids}-format`} value={form.format} onChange={(e) => update({ format: e.target.value as ExportFormState['format'] })}>
                {options.formats.map((f) => (
                  <option key={f} value={f}>
                    {formatLabels[f]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {options.kind === 'tabular' && <ColumnConditions columns={options.columns} conditions={form.conditions} errors={errors} onChange={(conditions) => update({ conditions })} />}
          <FactorFixes factors={options.factors} fixed={form.fixed} errors={errors} onChange={(fixed) => update({ fixed })} />
          <fieldset className="export-includes">
            <legend>Also include</legend>
            <label>
              <input type="checkbox" checked={form.includeModel} onChange={(e) => update({ includeModel: e.target.checked })} /> The model (TF.js model.json and weights)
            </label>
            <label>
              <input type="checkbox" checked={form.includeCard} onChange={(e) => update({ includeCard: e.target.checked })} />{' '}
              {image ? 'A card with the settings and final metrics' : 'The dataset card and quality report'}
            </label>
          </fieldset>
          <div className="row">
            <button type="submit" disabled={busy}>
              {busy ? 'Exporting…' : 'Generate and export'}
            </button>
          </div>
        </form>
      )}
      {latest && (
        <div className="export-latest" aria-live="polite">
          <h4>Latest export · {formatDate(latest.createdAt)}</h4>
          <ExportResult summary={latest} progress={progress[latest.id] ?? null} />
        </div>
      )}
      {history.length > 1 && <p className="muted small-text">{history.length - 1} earlier export(s) of this run are listed on the Home screen.</p>}
    </section>
  );
}
