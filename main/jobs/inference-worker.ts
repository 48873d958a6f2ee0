import type { InferenceRequest } from '../../shared/compute-protocol';
import { selectBackend } from '../engine/core/backend';
import { InferenceSession } from '../engine/image/inference-session';
import type { WorkerPort } from './worker-port';

/** Models held at once: the run being inspected, and the one before it (switching back and forth). */
const modelsHeld = 2;

/**
 * The compute process as an inference session: picks the backend once, then answers 'infer'
 * requests one at a time, in order, each by its id, keeping the models loaded between them.
 * It lives until the main process kills it (idle, shut down) or goes away.
 */
export function inferenceServer(port: WorkerPort): { handle(requestId: string, spec: InferenceRequest): void } {
  const session = new InferenceSession(modelsHeld);
  let backend: Promise<unknown> | undefined;
  let queue: Promise<void> = Promise.resolve();
  const answer = async (requestId: string, spec: InferenceRequest) => {
    try {
      await (backend ??= selectBackend());
      port.post({ type: 'inferred', requestId, result: await session.run(spec) });
    } catch (error) {
      port.post({ type: 'inference-failed', requestId, message: (error as Error).message || String(error) });
    }
  };
  return {
    handle(requestId, spec) {
      queue = queue.then(() => answer(requestId, spec));
    },
  };
}
