import type { ToWorker } from '../../shared/compute-protocol';

/** What a launcher needs to start one compute process. */
export interface LaunchConfig {
  /** The bundled entry, out/main/worker.cjs. */
  readonly workerPath: string;
  /** Names the process for people: logs and, under Electron, the OS's process list and crash events. */
  readonly name: string;
}

/**
 * The raw facts of an exit, as the runtime gave them: not yet classified (./exit-reason.ts
 * does that, once, for every launcher).
 */
export interface LaunchedExit {
  readonly code: number | null;
  readonly signal: string | null;
  /**
   * The runtime's own verdict, where it gives one: Electron's child-process-gone reason
   * ('oom', 'crashed', 'killed', ...) or its 'error' event type ('FatalError', ...).
   * child_process.fork gives none.
   */
  readonly runtimeReason?: string;
  /** Text the runtime attached to that verdict (Electron's 'error' location): checked for out-of-memory. */
  readonly runtimeDetail?: string;
}

/**
 * One started OS process, as a launcher hands it to ComputeProcess. The only part that
 * differs between Electron's utilityProcess (main/electron/utility-process.ts) and
 * child_process.fork (./fork-launcher.ts).
 */
export interface LaunchedProcess {
  readonly pid: number | undefined;
  /** Delivers a message, or holds it until the process can take it; drops it once the process is gone. */
  send(message: ToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The process's stderr, decoded, where the runtime lets us read it. */
  onStderr(listener: (text: string) => void): void;
  /** Called once, after the last stderr text has been delivered. */
  onExit(listener: (exit: LaunchedExit) => void): void;
  /** Ends the process now (SIGKILL under fork, Electron's kill() under utilityProcess). */
  kill(): void;
}

/** Starts a compute process; throws when it cannot even be started. */
export type ComputeLauncher = (config: LaunchConfig) => LaunchedProcess;
