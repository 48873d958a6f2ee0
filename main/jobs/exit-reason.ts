import type { LaunchedExit } from './compute-launcher';

/**
 * Why a compute process ended:
 * - 'killed': we ended it (kill(), or waitForExit() ran out of time), whatever the OS then reports;
 * - 'hung': the watchdog ended it after its heartbeats stopped (./watchdog.ts);
 * - 'memory-cap': the watchdog ended it because its RSS went over the cap (./watchdog.ts);
 * - 'out-of-memory': the runtime or the OS says it ran out of memory (see classifyExit);
 * - 'exited': it ended by itself with code 0 (a job finished, cancelled or failed cleanly);
 * - 'crashed': any other end: a non-zero code, a signal, a V8 fatal error.
 */
export type ComputeExitReason = 'exited' | 'crashed' | 'killed' | 'hung' | 'memory-cap' | 'out-of-memory';

export interface ComputeExit {
  readonly reason: ComputeExitReason;
  readonly code: number | null;
  readonly signal: string | null;
  /** The last few KiB the process wrote to stderr ('' where the runtime gives no stderr). */
  readonly stderrTail: string;
  /** The last error-looking line of stderr, when there is one: often the reason it died. */
  readonly lastError?: string;
  /** Why the watchdog ended it, in words ('no sign of life for 61 s'), for 'hung' and 'memory-cap'. */
  readonly watchdogDetail?: string;
}

/** What V8 prints (and Electron's 'error' event carries) when the JS heap is full. */
const heapOutOfMemory = /JavaScript heap out of memory|Reached heap limit|Allocation failed/i;

/** Chromium's child-process-gone reasons that mean memory (oom; memory-eviction on Windows/Android). */
const runtimeOutOfMemory = new Set(['oom', 'memory-eviction', 'OOM']);

export interface ExitFacts extends LaunchedExit {
  /** We asked for this end (kill()). */
  readonly killedByUs: boolean;
  /** The watchdog's reason, when it was the one that asked for the kill. */
  readonly killedFor?: 'hung' | 'memory-cap';
  readonly stderrTail: string;
  /** process.platform, passed in so each platform's rule can be tested anywhere. */
  readonly platform: NodeJS.Platform;
}

/**
 * The exit reason, in this order (the first rule that holds wins):
 * 1. we killed it => the watchdog's reason when it asked ('hung', 'memory-cap'), else 'killed'
 *    (a SIGKILL we sent is no memory problem);
 * 2. the runtime said so (Electron: child-process-gone reason 'oom' or 'memory-eviction'; an
 *    'error' event whose type or location is about memory) or V8 printed "JavaScript heap out
 *    of memory" before aborting => 'out-of-memory';
 * 3. code 0, no signal, and no runtime verdict other than 'clean-exit' => 'exited';
 * 4. on Linux and macOS, a SIGKILL we did not send, or exit code 137 (128 + SIGKILL, how a
 *    SIGKILL reads when it comes back as a code) => 'out-of-memory': nothing in the app sends
 *    it, and the kernel's OOM killer (Linux) and jetsam (macOS) end a process exactly so.
 *    Not on Windows, which has no signals: 137 there is just a number;
 * 5. anything else => 'crashed'.
 */
export function classifyExit(facts: ExitFacts): ComputeExitReason {
  if (facts.killedByUs) return facts.killedFor ?? 'killed';
  if (facts.runtimeReason && runtimeOutOfMemory.has(facts.runtimeReason)) return 'out-of-memory';
  if (facts.runtimeDetail && heapOutOfMemory.test(facts.runtimeDetail)) return 'out-of-memory';
  if (heapOutOfMemory.test(facts.stderrTail)) return 'out-of-memory';
  const runtimeSaysClean = !facts.runtimeReason || facts.runtimeReason === 'clean-exit';
  if (facts.code === 0 && !facts.signal && runtimeSaysClean) return 'exited';
  const posix = facts.platform !== 'win32';
  if (posix && (facts.signal === 'SIGKILL' || facts.code === 137)) return 'out-of-memory';
  return 'crashed';
}

/** The last line of stderr that names an error, leaving out stack frames. */
export function lastErrorLine(stderrTail: string): string | undefined {
  return stderrTail
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /error/i.test(line) && !line.startsWith('at '))
    .at(-1);
}
