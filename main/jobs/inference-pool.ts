import type { InferenceRequest, JobResult } from '../../shared/compute-protocol';
import { isFromInference } from '../../shared/compute-protocol';
import { ComputeProcess, type ComputeExit, type ComputeLauncher, type WatchdogOptions } from './compute-process';
import { unexpectedExitMessage } from './exit-message';

export interface InferencePoolOptions {
  readonly spawn: ComputeLauncher;
  readonly workerPath: string;
  /** How long the process stays without a request before it is stopped (default 60 s). */
  readonly idleMs?: number;
  /** Requests waiting for an answer at once; one more is refused as busy (default 16). */
  readonly maxPending?: number;
  /** How long one request may wait for its answer, queueing included (default 120 s). */
  readonly deadlineMs?: number;
  /** The watchdog's limits for the session's process (defaults in ./watchdog.ts). */
  readonly watchdog?: WatchdogOptions;
}

interface Pending {
  resolve(result: JobResult<'image-inspect'>): void;
  reject(error: Error): void;
  readonly deadline: NodeJS.Timeout;
}

interface Session {
  readonly process: ComputeProcess;
  readonly pending: Map<string, Pending>;
  /** Set once we stop it on purpose: its exit is then no failure of ours to report. */
  stopping: boolean;
  idleTimer?: NodeJS.Timeout;
}

export const defaultInferenceIdleMs = 60_000;
/** A slider drag sends a request per redraw; more than this waiting means the session cannot keep up. */
export const defaultInferenceMaxPending = 16;
/** Generous for a first request (backend and model load on WebAssembly take seconds), short of a user giving up. */
export const defaultInferenceDeadlineMs = 120_000;

/**
 * One long-lived compute process for the factor inspector (decode, traversal, activity): it
 * keeps the models it loaded, so a slider redraw costs a decode, not a process start, a TF.js
 * load and a model load. Started by the first request, stopped after idleMs without one or on
 * shutdown. If it dies, the requests it held fail with a message saying so and the next
 * request starts a fresh one.
 *
 * Bounded: beyond maxPending waiting requests a new one is refused at once as busy, and a
 * request not answered within deadlineMs fails. The session answers in order, so everything
 * behind a late request is late too: the session is stopped (its other requests fail with the
 * same message) and the next request starts a fresh process.
 */
export class InferencePool {
  private session: Session | undefined;
  /** Every process not yet exited, the current one and any still stopping. */
  private readonly live = new Set<Session>();
  private nextRequest = 0;
  private closed = false;
  private readonly idleMs: number;
  private readonly maxPending: number;
  private readonly deadlineMs: number;

  constructor(private readonly options: InferencePoolOptions) {
    this.idleMs = options.idleMs ?? defaultInferenceIdleMs;
    this.maxPending = options.maxPending ?? defaultInferenceMaxPending;
    this.deadlineMs = options.deadlineMs ?? defaultInferenceDeadlineMs;
  }

  /** The session process's id while one runs (tests and diagnostics). */
  get pid(): number | undefined {
    return this.session?.process.pid;
  }

  request(spec: InferenceRequest): Promise<JobResult<'image-inspect'>> {
    if (this.closed) return Promise.reject(new Error('The inspector has shut down.'));
    const waiting = this.session?.pending.size ?? 0;
    if (waiting >= this.maxPending) {
      return Promise.reject(new Error(`The inspector is busy: ${waiting} requests are waiting (at most ${this.maxPending}). Try again in a moment.`));
    }
    let session: Session;
    try {
      session = this.session ?? this.start();
    } catch (error) {
      return Promise.reject(new Error(`Could not start the inspector's compute process: ${(error as Error).message}`));
    }
    clearTimeout(session.idleTimer);
    const requestId = `infer-${++this.nextRequest}`;
    return new Promise((resolve, reject) => {
      const deadline = setTimeout(() => {
        const seconds = Math.round(this.deadlineMs / 1000);
        this.stop(session, `The inspector took longer than ${seconds} s to answer and was restarted. Try again.`);
      }, this.deadlineMs);
      session.pending.set(requestId, { resolve, reject, deadline });
      session.process.send({ type: 'infer', requestId, spec });
    });
  }

  /** Stops the process (its pending requests fail) and waits for it to exit; later requests are refused. */
  async shutdown(): Promise<void> {
    this.closed = true;
    if (this.session) this.stop(this.session, 'The app closed before the inspector had drawn this.');
    await Promise.all([...this.live].map((session) => session.process.whenExited));
  }

  private start(): Session {
    const process = new ComputeProcess({
      workerPath: this.options.workerPath,
      name: 'inspector',
      launcher: this.options.spawn,
      ...(this.options.watchdog ? { watchdog: this.options.watchdog } : {}),
    });
    const session: Session = { process, pending: new Map(), stopping: false };
    this.session = session;
    this.live.add(session);
    process.onMessage((message) => this.handleMessage(session, message));
    process.onExit((exit) => this.handleExit(session, exit));
    return session;
  }

  private handleMessage(session: Session, message: unknown): void {
    if (!isFromInference(message)) return;
    const pending = session.pending.get(message.requestId);
    if (!pending) return;
    session.pending.delete(message.requestId);
    clearTimeout(pending.deadline);
    if (message.type === 'inferred') pending.resolve(message.result);
    else pending.reject(new Error(message.message));
    if (session.pending.size === 0 && !session.stopping) {
      session.idleTimer = setTimeout(() => this.stop(session, 'The inspector stopped while idle.'), this.idleMs);
      // An idle inspector keeps nothing alive (the CLI, a test run).
      session.idleTimer.unref();
    }
  }

  private handleExit(session: Session, exit: ComputeExit): void {
    if (this.session === session) this.session = undefined;
    this.live.delete(session);
    clearTimeout(session.idleTimer);
    // A process we stopped failed its requests already: what is left died under them.
    if (session.pending.size === 0) return;
    const message = unexpectedExitMessage("The inspector's compute process", exit, 'before it answered');
    this.failAll(session, `${message} Try again: the next request starts a new one.`);
  }

  private stop(session: Session, reason: string): void {
    if (this.session === session) this.session = undefined;
    session.stopping = true;
    clearTimeout(session.idleTimer);
    this.failAll(session, reason);
    session.process.kill();
  }

  private failAll(session: Session, message: string): void {
    const pending = [...session.pending.values()];
    session.pending.clear();
    for (const p of pending) {
      clearTimeout(p.deadline);
      p.reject(new Error(message));
    }
  }
}
