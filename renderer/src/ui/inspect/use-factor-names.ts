import { useEffect, useState } from 'react';
import { call, messageOf } from '../../api/studio';

export interface FactorNames {
  /** The saved names by factor index ('' or missing where unnamed). */
  readonly names: readonly string[];
  /** What to call factor k: its name, or c{k}. */
  label(k: number): string;
  /** Saves one factor's name (the others unchanged). */
  rename(k: number, name: string): Promise<void>;
  readonly status: string | null;
  readonly error: string | null;
}

/** A run's factor names, loaded once and saved through the API as the user edits them. */
export function useFactorNames(runId: string): FactorNames {
  const [names, setNames] = useState<readonly string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('runs.factorNames', { id: runId })
      .then((n) => live && setNames(n))
      .catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [runId]);
  const rename = async (k: number, name: string) => {
    const next = Array.from({ length: Math.max(names.length, k + 1) }, (_, i) => (i === k ? name.trim() : (names[i] ?? '')));
    if (next.join('\u0000') === names.join('\u0000')) return;
    try {
      setNames(await call('runs.setFactorNames', { id: runId, names: next }));
      setStatus(`Saved the name of factor c${k}.`);
      setError(null);
    } catch (e) {
      setError(`Could not save the name: ${messageOf(e)}`);
    }
  };
  return { names, label: (k) => names[k] || `c${k}`, rename, status, error };
}
