/**
 * Long synchronous computations (the evaluation metrics, the table report) written as
 * generators: each `yield` marks a point between two units of work where the computation may
 * pause. The compute process runs them with runYielding, which gives the event loop a turn there
 * (heartbeats, cancel), so the main process's watchdog (main/jobs/watchdog.ts) never takes a
 * busy evaluation for a hung one. runToEnd runs the very same generator without pausing, for the
 * synchronous APIs the tests and the bench call: both run the same code in the same order, so
 * pausing cannot change a number.
 *
 * Yield points belong at outer loops (one SVM fit, one mini-batch, one kernel row); the inner
 * loops stay in plain functions, where V8 optimises them as before.
 */
export type Steps<T> = Generator<undefined, T, undefined>;

/** What a computation awaits at its yield points: eventYielder() (core/job-context.ts) in the compute process. */
export type Pause = () => Promise<void>;

/** A pause that never yields: for callers with no event loop to serve (tests, one-off scripts). */
export const noPause: Pause = () => Promise.resolve();

/** Runs steps to the end without pausing. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs steps to the end, awaiting `pause` at every yield point (it decides whether to really yield). */
export async function runYielding<T>(steps: Steps<T>, pause: Pause): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}
