import { useEffect, useState } from 'react';

export interface FactorNameInputProps {
  readonly factor: number;
  readonly name: string;
  readonly onSave: (name: string) => void;
}

/** A text field naming factor c{k}; saves when it loses focus or on Enter. */
export function FactorNameInput({ factor, name, onSave }: FactorNameInputProps) {
  const [value, setValue] = useState(name);
  useEffect(() => setValue(name), [name]);
  return (
    <input
      type="text"
      className="factor-name"
      aria-label={`Name of factor c${factor}`}
      placeholder={`c${factor}`}
      maxLength={60}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => onSave(value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onSave(value);
      }}
    />
  );
}
