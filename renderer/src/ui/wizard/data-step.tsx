import type { ExampleTable } from '../../../../shared/dataset-preview';
import type { ModelKind } from '../train/settings';
import { PathField } from './path-field';
import type { StepErrors } from './validate';
import { sourceLabels, type DataChoice } from './wizard-steps';

export interface DataStepProps {
  readonly kind: ModelKind;
  readonly choice: DataChoice;
  /** The example tables (table projects); null while loading. */
  readonly examples: readonly ExampleTable[] | null;
  readonly errors: StepErrors;
  readonly busy: boolean;
  readonly onChange: (choice: DataChoice) => void;
  /** Opens the native dialog for the path; absent in host mode. */
  readonly onBrowse?: (() => void) | undefined;
}

/** Step 1: a built-in dataset, an example table, a folder of images or a table file. */
export function DataStep({ kind, choice, examples, errors, busy, onChange, onBrowse }: DataStepProps) {
  const radio = (key: string, checked: boolean, label: string, next: DataChoice, detail?: string) => (
    <label key={key} className="choice">
      <input type="radio" name="data-source" checked={checked} disabled={busy} onChange={() => onChange(next)} />
      <span>
        {label}
        {detail && <small className="muted"> — {detail}</small>}
      </span>
    </label>
  );
  return (
    <>
      <fieldset className="data-choice" aria-describedby={errors.source ? 'data-source-error' : undefined}>
        <legend>Where is the data?</legend>
        {kind === 'image' ? (
          <>
            {radio('dsprites', choice.source === 'dsprites', sourceLabels.dsprites, { ...choice, source: 'dsprites' }, '737,280 generated 64×64 shapes; the true factors are known, so disentanglement is scored')}
            {radio('mnist', choice.source === 'mnist', sourceLabels.mnist, { ...choice, source: 'mnist' }, 'about 10,000 handwritten digits')}
            {radio('folder', choice.source === 'folder', sourceLabels.folder, { ...choice, source: 'folder' }, 'PNG, JPEG or WebP, in sub-folders too')}
          </>
        ) : (
          <>
            {(examples ?? []).map((e) =>
              radio(e.id, choice.source === 'example' && choice.example === e.id, `Example: ${e.label}`, { ...choice, source: 'example', example: e.id }, e.description),
            )}
            {examples === null && <p className="muted">Loading the example tables…</p>}
            {radio('file', choice.source === 'file', sourceLabels.file, { ...choice, source: 'file' }, 'any delimiter, with a header row; or a JSON array of records')}
          </>
        )}
        {errors.source && (
          <p id="data-source-error" className="error" role="alert">
            {errors.source}
          </p>
        )}
      </fieldset>
      {choice.source === 'folder' && (
        <div className="row align-end">
          <PathField
            label="Image folder"
            value={choice.path}
            placeholder="/home/me/pictures/faces"
            error={errors.path}
            disabled={busy}
            onBrowse={onBrowse}
            onChange={(path) => onChange({ ...choice, path })}
          />
          <label className="field">
            <span>Colour</span>
            <select value={choice.channels} disabled={busy} onChange={(e) => onChange({ ...choice, channels: Number(e.target.value) === 1 ? 1 : 3 })}>
              <option value={3}>Colour</option>
              <option value={1}>Greyscale</option>
            </select>
            <small>Greyscale trains faster.</small>
          </label>
        </div>
      )}
      {choice.source === 'file' && (
        <PathField
          label="Table file"
          value={choice.path}
          placeholder="/home/me/data/table.csv"
          error={errors.path}
          disabled={busy}
          onBrowse={onBrowse}
          onChange={(path) => onChange({ ...choice, path })}
        />
      )}
    </>
  );
}
