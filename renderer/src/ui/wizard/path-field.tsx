import { useId } from 'react';

export interface PathFieldProps {
  readonly label: string;
  readonly value: string;
  readonly placeholder: string;
  /** The problem with the path, shown under the field. */
  readonly error?: string | undefined;
  readonly disabled?: boolean;
  /** Opens the native dialog (Electron); absent in host mode, where the path is typed. */
  readonly onBrowse?: (() => void) | undefined;
  readonly onChange: (value: string) => void;
}

/** A full path typed by the user, with a Choose… button where the app has a native dialog. */
export function PathField({ label, value, placeholder, error, disabled, onBrowse, onChange }: PathFieldProps) {
  const id = useId();
  return (
    <div className="field path-field">
      <label htmlFor={id}>{label}</label>
      <div className="row">
        <input
          id={id}
          className="wide"
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          spellCheck={false}
          aria-invalid={!!error}
          aria-describedby={`${id}-help`}
          onChange={(e) => onChange(e.target.value)}
        />
        {onBrowse && (
          <button type="button" disabled={disabled} onClick={onBrowse}>
            Choose…
          </button>
        )}
      </div>
      <small id={`${id}-help`} className={error ? 'error' : undefined} role={error ? 'alert' : undefined}>
        {error ?? (onBrowse ? 'Choose it, or type its full path.' : 'Type its full path (in the browser the app cannot open a file dialog).')}
      </small>
    </div>
  );
}
