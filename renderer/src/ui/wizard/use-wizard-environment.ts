import { useEffect, useState } from 'react';
import type { ExampleTable } from '../../../../shared/dataset-preview';
import type { SystemInfo } from '../../../../shared/models';
import { call } from '../../api/studio';

export interface WizardEnvironment {
  /** 'electron' has native dialogs; 'host' (a browser) has path fields only. Null while loading. */
  readonly mode: SystemInfo['mode'] | null;
  /** The backend the last compute job used, for time estimates; null when unknown. */
  readonly backend: string | null;
  /** The example tables; null while loading, empty when they could not be found. */
  readonly examples: readonly ExampleTable[] | null;
}

/** What the wizard needs to know about this app once: the mode, the backend, the example tables. */
export function useWizardEnvironment(kind: 'image' | 'tabular'): WizardEnvironment {
  const [env, setEnv] = useState<WizardEnvironment>({ mode: null, backend: null, examples: kind === 'image' ? [] : null });
  useEffect(() => {
    let live = true;
    call('system.info', {}).then(
      (info) => live && setEnv((e) => ({ ...e, mode: info.mode, backend: info.lastBackend })),
      // Without it the wizard still works: path fields, and the WebAssembly estimate.
      () => live && setEnv((e) => ({ ...e, mode: 'host' })),
    );
    if (kind === 'tabular') {
      call('datasets.examples', {}).then(
        (examples) => live && setEnv((e) => ({ ...e, examples })),
        () => live && setEnv((e) => ({ ...e, examples: [] })),
      );
    }
    return () => {
      live = false;
    };
  }, [kind]);
  return env;
}
