import { createDispatch } from '../../main/api-handlers';
import { forkComputeProcess } from '../../main/jobs/compute-process';
import { createServices, type Services } from '../../main/services';
import { workerPath } from './paths';
import { tempDir } from './temp-dir';

interface TestServices {
  services: Services;
  dispatch: ReturnType<typeof createDispatch>;
  dataDir: string;
  dispose(): Promise<void>;
}

/** Real services over a real SQLite file in a given data folder, with the real compute process. */
export function testServicesAt(dataDir: string): TestServices {
  // The app evaluates on 10,000 images (disentanglement_lib's count); the tests' tiny runs on 256, as the app did before.
  const services = createServices({ dataDir, mode: 'host', version: 'test', spawn: forkComputeProcess, workerPath, imageEvaluateSamples: 256 });
  return { services, dispatch: createDispatch(services, () => {}), dataDir, dispose: () => services.close() };
}

/** The same over a fresh temporary data folder, removed on dispose. */
export function testServices(): TestServices {
  const dir = tempDir();
  const t = testServicesAt(dir.path);
  return {
    ...t,
    async dispose() {
      await t.dispose();
      dir.remove();
    },
  };
}

/** Calls one API method through dispatch; resolves with its value or throws its message. */
export function callerOf(dispatch: TestServices['dispatch']) {
  return async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
}
