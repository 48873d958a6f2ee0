import { useEffect, useRef, useState } from 'react';
import type { ImagePreview } from '../../../../shared/dataset-preview';
import type { Project } from '../../../../shared/models';
import type { ColumnOverrideSpec } from '../../../../shared/tabular-config';
import type { TableSchema } from '../../../../shared/tabular-schema';
import { call, messageOf, StudioCallError } from '../../api/studio';
import { ErrorMessage } from '../lib/error-message';
import { preset, type PresetName, type TrainSettings } from '../train/settings';
import { DataStep } from './data-step';
import { ImagePreviewStep } from './image-preview-step';
import { ModelStep } from './model-step';
import { ReviewStep } from './review-step';
import { dataOf, imagePreviewInput, startRequest } from './run-request';
import { StepIndicator } from './step-indicator';
import { TablePreviewStep } from './table-preview-step';
import { useWizardEnvironment } from './use-wizard-environment';
import { hasErrors, validateData, validateImagePreview, validateModel, validateTablePreview, type StepErrors } from './validate';
import { initialDataChoice, wizardSteps, type DataChoice, type WizardStep } from './wizard-steps';

export interface NewModelWizardProps {
  readonly project: Project;
  /** Called with the new run's id once it is queued. */
  readonly onStarted: (runId: string) => void;
}

/** A result read for one request, so Back then Next does not read the same data again. */
interface Read<T> {
  readonly key: string;
  readonly value: T;
}

/**
 * Sets up a training run one step per screen: data, a preview of it, the model, then a review
 * with Start training. Next checks the step first (validate.ts) and says what to fix beside
 * the field; reading data happens on the data step's Next, so a folder with no images or an
 * unreadable table stops there.
 */
export function NewModelWizard({ project, onStarted }: NewModelWizardProps) {
  const kind = project.kind;
  const env = useWizardEnvironment(kind);
  const [step, setStep] = useState<WizardStep>('data');
  const [choice, setChoice] = useState<DataChoice>(initialDataChoice(kind));
  const [imagePreview, setImagePreview] = useState<Read<ImagePreview> | null>(null);
  const [schema, setSchema] = useState<Read<TableSchema> | null>(null);
  const [overrides, setOverrides] = useState<ColumnOverrideSpec[]>([]);
  const [presetName, setPresetName] = useState<PresetName | null>('quick');
  const [settings, setSettings] = useState<TrainSettings>(preset(kind, 'quick'));
  // Which steps have had Next pressed: their problems show from then on, as the user fixes them.
  const [attempted, setAttempted] = useState<ReadonlySet<WizardStep>>(new Set());
  // Problems the API found (a folder with no images, a table that cannot be read).
  const [apiErrors, setApiErrors] = useState<StepErrors>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    // Keyboard and screen-reader users land on the new step's heading, not on a vanished button.
    if (moved.current) heading.current?.focus();
  }, [step]);

  const errorsOf = (s: WizardStep): StepErrors => {
    switch (s) {
      case 'data':
        return validateData(kind, choice, env.examples);
      case 'preview':
        return kind === 'image' ? validateImagePreview(imagePreview?.value ?? null) : validateTablePreview(schema?.value ?? null);
      case 'model':
        return validateModel(kind, settings);
      case 'review':
        return {};
    }
  };
  // Settings are checked as they are typed; the other steps once Next has been pressed.
  const shown: StepErrors = step === 'model' || attempted.has(step) ? { ...errorsOf(step), ...apiErrors } : apiErrors;

  const go = (next: WizardStep) => {
    moved.current = true;
    setError(null);
    setApiErrors({});
    setStep(next);
  };

  const changeChoice = (next: DataChoice) => {
    setChoice(next);
    setApiErrors({});
  };

  /** A failed read: beside the path field when there is one, else under the data choice. */
  const readFailed = (e: unknown) => {
    const message = messageOf(e);
    const atPath = choice.source === 'folder' || choice.source === 'file';
    if (e instanceof StudioCallError && e.error.code !== 'internal') setApiErrors(atPath ? { path: message } : { source: message });
    else setError(`${message} Try again; if it keeps failing, choose other data.`);
  };

  const readData = async (): Promise<boolean> => {
    if (kind === 'image') {
      const input = imagePreviewInput(choice, settings);
      const key = JSON.stringify(input);
      if (imagePreview?.key === key) return true;
      setBusy(choice.source === 'folder' ? 'Reading the images in the folder…' : 'Preparing sample images…');
      try {
        setImagePreview({ key, value: await call('datasets.inspectImages', input) });
        return true;
      } catch (e) {
        readFailed(e);
        return false;
      } finally {
        setBusy(null);
      }
    }
    const path = dataOf(choice, env.examples);
    if (schema?.key === path) return true;
    setBusy('Reading the table…');
    try {
      setSchema({ key: path, value: await call('datasets.inspectTable', { path, overrides: [] }) });
      setOverrides([]);
      return true;
    } catch (e) {
      readFailed(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const rereadTable = async (nextOverrides: ColumnOverrideSpec[]) => {
    if (!schema) return;
    setBusy('Reading the table again…');
    try {
      setSchema({ key: schema.key, value: await call('datasets.inspectTable', { path: schema.key, overrides: nextOverrides }) });
      setOverrides(nextOverrides);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const next = async () => {
    setAttempted((a) => new Set(a).add(step));
    if (hasErrors(errorsOf(step))) return;
    const index = wizardSteps.findIndex((s) => s.id === step);
    if (step === 'data' && !(await readData())) return;
    const following = wizardSteps[index + 1];
    if (following) go(following.id);
  };

  const back = () => {
    const index = wizardSteps.findIndex((s) => s.id === step);
    const previous = wizardSteps[index - 1];
    if (previous) go(previous.id);
  };

  const start = async () => {
    if (hasErrors(validateModel(kind, settings))) return go('model');
    const request = startRequest(project.id, kind, choice, env.examples, settings, overrides);
    setBusy('Starting…');
    try {
      const run = request.method === 'runs.startImage' ? await call(request.method, request.input) : await call(request.method, request.input);
      setError(null);
      onStarted(run.id);
    } catch (e) {
      setError(`${messageOf(e)} Change the data or settings and try again.`);
    } finally {
      setBusy(null);
    }
  };

  const browse =
    env.mode === 'electron'
      ? async () => {
          try {
            const picked = await call('dialogs.open', { kind: kind === 'image' ? 'folder' : 'table' });
            if (picked.path) changeChoice({ ...choice, path: picked.path });
          } catch (e) {
            setError(messageOf(e));
          }
        }
      : undefined;

  const index = wizardSteps.findIndex((s) => s.id === step);
  const stepLabel = wizardSteps[index]?.label ?? '';
  const blocked = step !== 'review' && hasErrors(shown);

  return (
    <section className="panel wizard" aria-labelledby="train-heading">
      <h3 id="train-heading">Train a model</h3>
      <StepIndicator current={step} onGo={go} disabled={busy !== null} />
      <h4 ref={heading} tabIndex={-1} className="step-heading">
        Step {index + 1} of {wizardSteps.length}: {stepLabel}
      </h4>
      <div className="wizard-body">
        {step === 'data' && (
          <DataStep kind={kind} choice={choice} examples={env.examples} errors={shown} busy={busy !== null} onChange={changeChoice} onBrowse={browse && (() => void browse())} />
        )}
        {step === 'preview' && kind === 'image' && imagePreview && <ImagePreviewStep preview={imagePreview.value} />}
        {step === 'preview' && kind === 'tabular' && schema && (
          <TablePreviewStep schema={schema.value} overrides={overrides} busy={busy !== null} onOverride={(o) => void rereadTable(o)} />
        )}
        {step === 'preview' && shown.preview && (
          <p className="error" role="alert">
            {shown.preview}
          </p>
        )}
        {step === 'model' && (
          <ModelStep
            kind={kind}
            presetName={presetName}
            settings={settings}
            errors={shown}
            backend={env.backend}
            onPreset={(name, s) => {
              setPresetName(name);
              setSettings(s);
            }}
            onSettings={(s) => {
              setPresetName(null);
              setSettings(s);
            }}
          />
        )}
        {step === 'review' && (
          <ReviewStep
            kind={kind}
            choice={choice}
            examples={env.examples}
            imagePreview={imagePreview?.value ?? null}
            schema={schema?.value ?? null}
            presetName={presetName}
            settings={settings}
            backend={env.backend}
            onEdit={go}
          />
        )}
      </div>
      {busy && (
        <p className="muted" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> {busy}
        </p>
      )}
      <ErrorMessage message={error} />
      <div className="row wizard-nav">
        <button type="button" onClick={back} disabled={index === 0 || busy !== null}>
          Back
        </button>
        {step === 'review' ? (
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void start()}>
            Start training
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void next()} aria-describedby={blocked ? 'wizard-blocked' : undefined}>
            Next
          </button>
        )}
        {blocked && (
          <span id="wizard-blocked" className="error">
            Fix what is marked above to go on.
          </span>
        )}
      </div>
    </section>
  );
}
