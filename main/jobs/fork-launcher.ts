import { fork } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { ComputeLauncher } from './compute-launcher';

/**
 * The compute process as a plain Node child (host mode, the CLI, the tests), with
 * structured-clone serialization so typed arrays (preview images) pass as they are.
 */
export const forkComputeProcess: ComputeLauncher = ({ workerPath }) => {
  const child = fork(workerPath, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    execArgv: [],
  });
  const decoder = new StringDecoder('utf8');
  return {
    get pid() {
      return child.pid;
    },
    send(message) {
      if (child.connected) child.send(message);
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onStderr(listener) {
      child.stderr?.on('data', (chunk: Buffer) => listener(decoder.write(chunk)));
      // A process that cannot be spawned at all says so here, not on stderr.
      child.on('error', (error) => listener(`Error: ${error.message}\n`));
    },
    onExit(listener) {
      // 'close' comes after stderr has been read to the end.
      child.once('close', (code, signal) => listener({ code, signal }));
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
};
