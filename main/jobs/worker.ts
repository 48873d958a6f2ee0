/**
 * Entry of the compute process. Runs one job: picks the TF.js backend, trains, streams
 * progress, honours cancel, then exits. Or, when its first message is 'infer', serves as the
 * inference session (./inference-worker.ts) until it is stopped. Nothing here touches SQLite or the UI.
 */
import path from 'node:path';
import type { JobSpec, ToWorker } from '../../shared/compute-protocol';
import { runJob } from '../engine/tasks/dispatch';
import { inferenceServer } from './inference-worker';
import { startHeartbeat } from './heartbeat';
import { connectToParent } from './worker-port';

const hangVariable = 'FACTOR_STUDIO_TEST_HANG_WORKER';
const port = connectToParent();
startHeartbeat(port);
let cancelRequested = false;
let started = false;
let inference: ReturnType<typeof inferenceServer> | undefined;

async function run(jobId: string, spec: JobSpec): Promise<void> {
  try {
    const outcome = await runJob(spec, {
      onBackend: (backend) => port.post({ type: 'backend', jobId, backend }),
      onProgress: (progress) => port.post({ type: 'progress', jobId, progress }),
      onPreview: (step, png) => port.post({ type: 'preview', jobId, step, png }),
      onCheckpoint: (step, dir) => {
        port.post({ type: 'checkpoint', jobId, step, dir });
        if (process.env[hangVariable] === 'after-checkpoint') hangForTests();
      },
      isCancelled: () => cancelRequested,
    }, { replicaEntry: path.join(__dirname, 'replica.cjs') });
    await port.postFinal(
      outcome.cancelled
        ? { type: 'cancelled', jobId, step: outcome.result.step }
        : { type: 'done', jobId, result: outcome.result },
    );
  } catch (error) {
    await port.postFinal({ type: 'failed', jobId, message: (error as Error).message || String(error) });
  }
  process.exit(0);
}

port.onMessage((message: ToWorker) => {
  if (message.type !== 'cancel' && process.env[hangVariable] === '1') hangForTests();
  if (message.type === 'start' && !started && !inference) {
    started = true;
    void run(message.jobId, message.spec);
  } else if (message.type === 'cancel') {
    cancelRequested = true;
  } else if (message.type === 'infer' && !started) {
    (inference ??= inferenceServer(port)).handle(message.requestId, message.spec);
  }
});

/**
 * Test hook for the watchdog (test/integration/compute-process-watchdog.test.ts): with
 * FACTOR_STUDIO_TEST_HANG_WORKER=1 the worker blocks on its first job message, with
 * 'after-checkpoint' after its first checkpoint is reported. It blocks the event loop for good,
 * as a kernel that never returns would, so no heartbeat fires. Only the tests set the variable;
 * the blocked process is then killed by the watchdog.
 */
function hangForTests(): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0, 60_000);
}

// Without a parent the process has nothing to do.
process.on('disconnect', () => process.exit(0));
