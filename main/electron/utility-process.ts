import { app, utilityProcess, type Details } from 'electron';
import { StringDecoder } from 'node:string_decoder';
import type { ToWorker } from '../../shared/compute-protocol';
import type { ComputeLauncher, LaunchedExit } from '../jobs/compute-launcher';

/** How long after 'exit' to wait, at most, for stderr's last bytes. */
const exitSettleMs = 200;
/** How long after 'exit' to wait, at least, for app's child-process-gone about the same process. */
const goneNoticeMs = 50;
let launched = 0;

/**
 * The compute process under Electron: a utilityProcess (a Node child the app owns, with crash
 * reporting). Messages sent before it has spawned are held and flushed on 'spawn'. stderr is
 * piped so ComputeProcess can keep its tail. Electron gives no signal, only a code; its own
 * verdict comes from app's 'child-process-gone' (reason 'oom', 'crashed', ...) and the
 * utilityProcess 'error' event ('FatalError' with a location), both passed on for classifyExit.
 */
export const spawnUtilityProcess: ComputeLauncher = ({ workerPath, name }) => {
  // A name of its own: child-process-gone says which process went by this name only.
  const serviceName = `Factor Studio compute ${++launched} (${name})`;
  const child = utilityProcess.fork(workerPath, [], { serviceName, stdio: ['ignore', 'inherit', 'pipe'] });
  // Electron sets child.stderr to null after 'exit': keep the stream to read it to the end.
  const stderr = child.stderr;
  let spawned = false;
  const pending: ToWorker[] = [];
  child.once('spawn', () => {
    spawned = true;
    for (const message of pending.splice(0)) child.postMessage(message);
  });

  let goneReason: string | undefined;
  const onGone = (_event: unknown, details: Details) => {
    if (details.type === 'Utility' && details.name === serviceName) goneReason = details.reason;
  };
  app.on('child-process-gone', onGone);
  let fatal: { type: string; location: string } | undefined;
  child.on('error', (type, location) => (fatal = { type, location }));
  const stderrEnded = new Promise<void>((resolve) => {
    if (!stderr) resolve();
    else stderr.once('close', resolve).once('end', resolve);
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
    onStderr(listener) {
      const decoder = new StringDecoder('utf8');
      stderr?.on('data', (chunk: Buffer | string) => listener(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
    },
    onExit(listener) {
      child.once('exit', (code) => {
        // Both may trail 'exit' a little: wait for stderr's end (at most exitSettleMs), and at
        // least goneNoticeMs for child-process-gone, which has no order with 'exit'.
        const atMost = new Promise<void>((resolve) => setTimeout(resolve, exitSettleMs));
        const atLeast = new Promise<void>((resolve) => setTimeout(resolve, goneNoticeMs));
        void Promise.all([Promise.race([stderrEnded, atMost]), atLeast]).then(() => {
          app.off('child-process-gone', onGone);
          // An out-of-memory verdict from Chromium outranks the 'error' event's generic 'FatalError'.
          const memory = goneReason === 'oom' || goneReason === 'memory-eviction';
          const exit: LaunchedExit = {
            code,
            signal: null,
            runtimeReason: memory ? goneReason : (fatal?.type ?? goneReason),
            runtimeDetail: fatal?.location,
          };
          listener(exit);
        });
      });
    },
    kill() {
      child.kill();
    },
  };
};
