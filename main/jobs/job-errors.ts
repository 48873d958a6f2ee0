/**
 * How JobRunner.run() rejects when a job does not complete: the compute process's message
 * when it failed, or the step it stopped at when it was cancelled. Callers turn these into
 * their own errors (a StudioError, a CLI message) or, for cancel, into a normal outcome.
 */

/** The job failed: the message is the compute process's (or the runner's, when the process died). */
export class JobFailedError extends Error {
  override readonly name = 'JobFailedError';
}

/** The job was cancelled (or dropped from the queue, at step 0) before it completed. */
export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';

  constructor(readonly step: number) {
    super(`The job was cancelled at step ${step}.`);
  }
}
