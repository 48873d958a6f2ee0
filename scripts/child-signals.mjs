// The launcher's child (Electron or host mode) must stop when the launcher is told to stop.
// A service manager sends SIGTERM to `npm start` only; npm passes it to the `sh -c` that runs
// this script, and that shell dies without passing it on: the signal never reaches us. So the
// launcher forwards the signals it gets, and also stops its child when its own parent is gone.
import os from 'node:os';

const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** How often the launcher checks that whoever started it is still there. */
const parentCheckMs = 500;

/**
 * Passes SIGINT, SIGTERM and SIGHUP on to `child` while it runs, and sends it SIGTERM when this
 * process's parent exits (we are re-parented: a new ppid). Call it right after spawn, before
 * adding 'exit' listeners. Returns a function that says whether a stop arrived (so the caller
 * does not, say, fall back to another mode).
 */
export function forwardSignals(child) {
  let received = null;
  const stop = (signal) => {
    received = signal;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const handlers = forwarded.map((signal) => {
    const handler = () => stop(signal);
    process.on(signal, handler);
    return [signal, handler];
  });
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) stop('SIGTERM');
  }, parentCheckMs);
  watch.unref();
  child.once('exit', () => {
    clearInterval(watch);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  });
  return () => received;
}

/** Ends this process the way the child ended: its exit code, or killed by the same signal. */
export function exitLikeChild(code, signal) {
  if (signal) {
    // The conventional status if re-raising does not end us (another listener is still installed).
    process.exitCode = 128 + (os.constants.signals[signal] ?? 0);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}
