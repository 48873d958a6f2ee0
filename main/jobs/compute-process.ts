import type { ToWorker } from '../../shared/compute-protocol';
import { isHeartbeat } from '../../shared/compute-protocol';
import type { ComputeLauncher, LaunchConfig, LaunchedProcess } from './compute-launcher';
import { classifyExit, lastErrorLine, type ComputeExit } from './exit-reason';
import { Watchdog, type WatchdogOptions, type WatchdogVerdict } from './watchdog';

export type { ComputeLauncher } from './compute-launcher';
export type { ComputeExit, ComputeExitReason } from './exit-reason';
// Where host mode, the CLI and the tests have always found it.
export { forkComputeProcess } from './fork-launcher';
export type { WatchdogOptions } from './watchdog';

export interface ComputeProcessConfig extends LaunchConfig {
  /** How the OS process is started: Electron's utilityProcess in the app, child_process.fork elsewhere. */
  readonly launcher: ComputeLauncher;
  /** Silence and memory limits (./watchdog.ts); every compute process is watched, these only tune it. */
  readonly watchdog?: WatchdogOptions;
}

/** How much of stderr is kept to explain an exit. */
const stderrTailChars = 4096;

/**
 * One compute process and its whole life, whatever starts it (after VS Code's UtilityProcess):
 * started on construction, messages in and out, its stderr passed through with the tail kept,
 * one typed exit (see ./exit-reason.ts for how the reason is decided), and a graceful stop:
 * ask, wait, then kill. JobRunner and InferencePool own one each per job or session.
 * A watchdog kills it when its heartbeats stop or its memory goes over the cap; the exit then
 * reads 'hung' or 'memory-cap'. Heartbeats are consumed here and never reach onMessage.
 */
export class ComputeProcess {
  readonly name: string;
  /** Resolves once, with the exit, however the process ended. */
  readonly whenExited: Promise<ComputeExit>;
  private readonly child: LaunchedProcess;
  private readonly exitListeners: ((exit: ComputeExit) => void)[] = [];
  private stderrTail = '';
  private killedByUs = false;
  private watchdogVerdict: WatchdogVerdict | undefined;
  private readonly watchdog: Watchdog;
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private exit: ComputeExit | undefined;

  /** Starts the process; throws when the launcher cannot start it at all. */
  constructor(config: ComputeProcessConfig) {
    this.name = config.name;
    this.child = config.launcher({ workerPath: config.workerPath, name: config.name });
    let resolveExit!: (exit: ComputeExit) => void;
    this.whenExited = new Promise((resolve) => (resolveExit = resolve));
    this.child.onStderr((text) => {
      // Passed through as it comes, so the terminal (or the app's log) still shows it.
      process.stderr.write(text);
      this.stderrTail = (this.stderrTail + text).slice(-stderrTailChars);
    });
    this.watchdog = new Watchdog(config.watchdog ?? {}, (verdict) => {
      if (this.exit || this.killedByUs) return;
      this.watchdogVerdict = verdict;
      this.kill();
    });
    this.child.onMessage((message) => {
      if (isHeartbeat(message)) this.watchdog.beat(message.rss);
      else for (const listener of this.messageListeners) listener(message);
    });
    this.child.onExit((raw) => {
      this.watchdog.stop();
      const stderrTail = this.stderrTail;
      const verdict = this.watchdogVerdict;
      const reason = classifyExit({ ...raw, killedByUs: this.killedByUs, ...(verdict ? { killedFor: verdict.reason } : {}), stderrTail, platform: process.platform });
      const exit: ComputeExit = {
        reason,
        code: raw.code,
        signal: raw.signal,
        stderrTail,
        lastError: lastErrorLine(stderrTail),
        ...(verdict ? { watchdogDetail: verdict.detail } : {}),
      };
      this.exit = exit;
      for (const listener of this.exitListeners.splice(0)) listener(exit);
      resolveExit(exit);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** Sends a message; dropped once the process has exited. */
  send(message: ToWorker): void {
    if (!this.exit) this.child.send(message);
  }

  /** Every message but heartbeats, in order. */
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }

  /** Called once, when the process has gone and its stderr has been read to the end. */
  onExit(listener: (exit: ComputeExit) => void): void {
    this.exitListeners.push(listener);
  }

  /** Ends the process now; its exit then reads 'killed'. Does nothing once it has exited. */
  kill(): void {
    if (this.exit || this.killedByUs) return;
    this.killedByUs = true;
    this.child.kill();
  }

  /** Waits up to timeoutMs for the process to end by itself, kills it if it has not, and resolves with its exit. */
  async waitForExit(timeoutMs: number): Promise<ComputeExit> {
    if (this.exit) return this.exit;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), timeoutMs)));
    const first = await Promise.race([this.whenExited, timedOut]);
    clearTimeout(timer);
    if (first === 'timed out') this.kill();
    return this.whenExited;
  }

  /** The graceful stop: asks with a message (cancel), waits up to graceMs, then kills. */
  stop(request: ToWorker, graceMs: number): Promise<ComputeExit> {
    this.send(request);
    return this.waitForExit(graceMs);
  }
}
