import { createDispatch } from '../../main/api-handlers';
import { forkComputeProcess } from '../../main/jobs/compute-process';
import { createServices, type Services } from '../../main/services';
import { workerPath } from './paths';
import { tempDir } from './temp-dir';

/** Real services over a real SQLite file in a temporary data folder, with the real compute process. */
export function testServices(): { services: Services; dispatch: ReturnType<typeof createDispatch>; dataDir: string; dispose(): Promise<void> } {
  const dir = tempDir();
  const services = createServices({ dataDir: dir.path, mode: 'host', version: 'test', spawn: forkComputeProcess, workerPath });
  return {
    services,
    dispatch: createDispatch(services, () => {}),
    dataDir: dir.path,
    async dispose() {
      await services.close();
      dir.remove();
    },
  };
}
