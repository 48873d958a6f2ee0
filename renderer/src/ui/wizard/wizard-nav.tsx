export interface WizardNavProps {
  /** Back is off on the first step. */
  readonly first: boolean;
  /** The review step ends with Start training instead of Next. */
  readonly last: boolean;
  readonly busy: boolean;
  /** Something on the step is marked: Next says why it will not go on. */
  readonly blocked: boolean;
  readonly onBack: () => void;
  readonly onNext: () => void;
  readonly onStart: () => void;
}

/** The wizard's Back and Next (or Start training) buttons, with why Next is held back. */
export function WizardNav({ first, last, busy, blocked, onBack, onNext, onStart }: WizardNavProps) {
  return (
    <div className="row wizard-nav">
      <button type="button" onClick={onBack} disabled={first || busy}>
        Back
      </button>
      {last ? (
        <button type="button" className="primary" disabled={busy} onClick={onStart}>
          Start training
        </button>
      ) : (
        <button type="button" className="primary" disabled={busy} onClick={onNext} aria-describedby={blocked ? 'wizard-blocked' : undefined}>
          Next
        </button>
      )}
      {blocked && (
        <span id="wizard-blocked" className="error">
          Fix what is marked above to go on.
        </span>
      )}
    </div>
  );
}
