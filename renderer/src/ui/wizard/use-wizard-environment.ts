import { useEffect, useState } from 'react';
import { backendLadder } from '../../../../shared/compute-protocol';
import type { ExampleTable } from '../../../../shared/dataset-preview';
import type { SystemInfo } from '../../../../shared/models';
import type { TimeCalibration } from '../../../../shared/time-calibration';
import { call } from '../../api/studio';

export interface WizardEnvironment {
  /** 'electron' has native dialogs; 'host' (a browser) has path fields only. Null while loading. */
  readonly mode: SystemInfo['mode'] | null;
  /**
   * The backend training is expected to use, for time estimates: the last compute job's this
   * session, else the one this computer's latest timed run used; null when unknown.
   */
  readonly backend: string | null;
  /** How fast this computer trained this kind on that backend (runs.timeCalibration); null until known or when it could not be read (the default figures then). */
  readonly calibration: TimeCalibration | null;
  /** The example tables; null while loading, empty when they could not be found. */
  readonly examples: readonly ExampleTable[] | null;
}

/** What the wizard needs to know about this app once: the mode, the backend and its timing, the example tables. */
export function useWizardEnvironment(kind: 'image' | 'tabular'): WizardEnvironment {
  const [env, setEnv] = useState<WizardEnvironment>({ mode: null, backend: null, calibration: null, examples: kind === 'image' ? [] : null });
  useEffect(() => {
    let live = true;
    // Asked after system.info, for the backend it names; without one the history names it.
    const calibrate = (backend: string | null) =>
      call('runs.timeCalibration', { kind, backend: backendLadder.find((b) => b === backend) ?? null }).then(
        (calibration) => live && setEnv((e) => ({ ...e, calibration, backend: calibration.backend ?? e.backend })),
        // Without it the estimate keeps the default figures, and says so.
        () => {},
      );
    call('system.info', {}).then(
      (info) => {
        if (!live) return;
        setEnv((e) => ({ ...e, mode: info.mode, backend: info.lastBackend }));
        void calibrate(info.lastBackend);
      },
      // Without it the wizard still works: path fields, and the WebAssembly estimate.
      () => {
        if (!live) return;
        setEnv((e) => ({ ...e, mode: 'host' }));
        void calibrate(null);
      },
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
