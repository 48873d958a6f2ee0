import { useEffect, useRef } from 'react';
import type { Project } from '../../../../shared/models';
import { ErrorMessage } from '../lib/error-message';
import { DataStep } from './data-step';
import { ImagePreviewStep } from './image-preview-step';
import { ModelStep } from './model-step';
import { ReviewStep } from './review-step';
import { StepIndicator } from './step-indicator';
import { TablePreviewStep } from './table-preview-step';
import { useNewModelWizard } from './use-new-model-wizard';
import { WizardNav } from './wizard-nav';
import { stepIndex } from './wizard-state';
import { wizardSteps, type WizardStep } from './wizard-steps';

export interface NewModelWizardProps {
  readonly project: Project;
  /** Called with the new run's id once it is queued. */
  readonly onStarted: (runId: string) => void;
}

/**
 * Focus for the step's heading once the step changes, so keyboard and screen-reader users land
 * on the new step, not on a vanished button. Not on the first render: the page keeps its focus.
 */
function useStepHeadingFocus(step: WizardStep) {
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    heading.current?.focus();
  }, [step]);
  return heading;
}

/**
 * Sets up a training run one step per screen: data, a preview of it, the model, then a review
 * with Start training. Next checks the step first (validate.ts) and says what to fix beside
 * the field. The state and its rules are in wizard-state.ts, what the buttons do in
 * use-new-model-wizard.ts; this draws them.
 */
export function NewModelWizard({ project, onStarted }: NewModelWizardProps) {
  const kind = project.kind;
  const { state, env, shown, blocked, go, next, back, start, rereadTable, browse, chooseData, choosePreset, editSettings, setBaselines } = useNewModelWizard(project, onStarted);
  const { step, choice, imagePreview, schema, overrides, presetName, settings, busy, error } = state;
  const heading = useStepHeadingFocus(step);
  const index = stepIndex(step);
  const stepLabel = wizardSteps[index]?.label ?? '';

  return (
    <section className="panel wizard" aria-labelledby="train-heading">
      <h3 id="train-heading">Train a model</h3>
      <StepIndicator current={step} onGo={go} disabled={busy !== null} />
      <h4 ref={heading} tabIndex={-1} className="step-heading">
        Step {index + 1} of {wizardSteps.length}: {stepLabel}
      </h4>
      <div className="wizard-body">
        {step === 'data' && (
          <DataStep kind={kind} choice={choice} examples={env.examples} errors={shown} busy={busy !== null} onChange={chooseData} onBrowse={browse && (() => void browse())} />
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
            calibration={env.calibration}
            onPreset={choosePreset}
            onSettings={editSettings}
            baselines={state.baselines}
            onBaselines={setBaselines}
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
            calibration={env.calibration}
            baselines={state.baselines}
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
      <WizardNav
        first={index === 0}
        last={step === 'review'}
        busy={busy !== null}
        blocked={blocked}
        onBack={back}
        onNext={() => void next()}
        onStart={() => void start()}
      />
    </section>
  );
}
