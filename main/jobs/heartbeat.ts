import { heartbeatMs } from './watchdog';
import type { WorkerPort } from './worker-port';

/**
 * The compute process's side of the watchdog (./watchdog.ts): a heartbeat with its RSS from a
 * timer, so it stops exactly when the event loop is blocked. unref'd: a beat never keeps a
 * finished worker alive.
 */
export function startHeartbeat(port: WorkerPort, intervalMs = heartbeatMs): void {
  const beat = (): void => port.post({ type: 'heartbeat', rss: process.memoryUsage().rss });
  beat();
  setInterval(beat, intervalMs).unref();
}
