import { utilityProcess } from 'electron';
import type { ToWorker } from '../../shared/compute-protocol';
import type { ComputeExit, ComputeSpawner } from '../jobs/compute-process';

/**
 * The compute process under Electron: a utilityProcess (a Node child the app owns, with
 * crash reporting). Messages sent before it has spawned are held and flushed on 'spawn'.
 */
export const spawnUtilityProcess: ComputeSpawner = (workerPath) => {
  const child = utilityProcess.fork(workerPath, [], { serviceName: 'Factor Studio compute', stdio: 'inherit' });
  let spawned = false;
  const pending: ToWorker[] = [];
  child.once('spawn', () => {
    spawned = true;
    for (const message of pending.splice(0)) child.postMessage(message);
  });
  const exitListeners: ((exit: ComputeExit) => void)[] = [];
  child.on('exit', (code) => {
    for (const listener of exitListeners) listener({ code, signal: null });
  });
  return {
    get pid() {
      return child.pid;
    },
    send(message) {
      if (spawned) child.postMessage(message);
      else pending.push(message);
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    kill() {
      child.kill();
    },
  };
};
