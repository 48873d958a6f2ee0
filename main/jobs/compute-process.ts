import { fork } from 'node:child_process';
import type { ToWorker } from '../../shared/compute-protocol';

export interface ComputeExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** The last line the process wrote to stderr, when known: often the reason it died. */
  readonly lastError?: string;
}

/**
 * One compute process, whatever starts it: Electron's utilityProcess in the app,
 * child_process.fork in host mode, the CLI and the tests. Same messages either way.
 */
export interface ComputeProcess {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (exit: ComputeExit) => void): void;
  /** SIGKILL-strength stop; exit listeners still fire. */
  kill(): void;
}

export type ComputeSpawner = (workerPath: string) => ComputeProcess;

/** child_process.fork, with structured-clone serialization so typed arrays (preview images) pass as they are. */
export const forkComputeProcess: ComputeSpawner = (workerPath) => {
  const child = fork(workerPath, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    execArgv: [],
  });
  // Pass stderr through, keeping its tail to explain an unexpected exit.
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-4096);
  });
  const lastError = () =>
    tail
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /error/i.test(line) && !line.startsWith('at '))
      .at(-1);
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
    onExit(listener) {
      // 'close' comes after stderr has been read to the end.
      child.on('close', (code, signal) => listener({ code, signal, lastError: lastError() }));
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
};
