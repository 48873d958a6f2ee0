import { wizardSteps, type WizardStep } from './wizard-steps';

export interface StepIndicatorProps {
  readonly current: WizardStep;
  /** Steps already passed can be revisited; later ones wait for Next. */
  readonly onGo: (step: WizardStep) => void;
  readonly disabled?: boolean;
}

/** "1 Data · 2 Preview · 3 Model · 4 Review and train", the current one marked. */
export function StepIndicator({ current, onGo, disabled }: StepIndicatorProps) {
  const currentIndex = wizardSteps.findIndex((s) => s.id === current);
  return (
    <ol className="steps" aria-label="Setup progress">
      {wizardSteps.map((step, i) => {
        const state = i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'todo';
        const text = (
          <>
            <span className="step-number" aria-hidden="true">
              {i + 1}
            </span>
            <span className="step-label">{step.label}</span>
          </>
        );
        return (
          <li key={step.id} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            {state === 'done' ? (
              <button type="button" className="step-link" disabled={disabled} onClick={() => onGo(step.id)} aria-label={`Back to step ${i + 1}: ${step.label}`}>
                {text}
              </button>
            ) : (
              <span className="step-link">
                <span className="visually-hidden">{`Step ${i + 1}${state === 'current' ? ' (current)' : ''}: `}</span>
                {text}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
