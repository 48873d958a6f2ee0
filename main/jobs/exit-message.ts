import type { ComputeExit } from './exit-reason';

/**
 * What to tell the user about a compute process that died under a job or a request:
 * "<subject> was killed (SIGKILL) <when>. It may have run out of memory. <last stderr error>".
 * The signal or code is named as the OS gave it; the memory hint follows the typed reason.
 * A watchdog kill says what the watchdog saw instead: the silence, or the memory over the cap.
 */
export function unexpectedExitMessage(subject: string, exit: ComputeExit, when: string): string {
  const why = exit.watchdogDetail ? ` (${exit.watchdogDetail})` : '';
  if (exit.reason === 'hung') return `${subject} stopped responding ${when}${why} and was stopped.`;
  if (exit.reason === 'memory-cap') return `${subject} was stopped ${when}${why}.`;
  const how = exit.signal ? `was killed (${exit.signal})` : `exited with code ${String(exit.code)}`;
  const hint = exit.reason === 'out-of-memory' ? ' It may have run out of memory.' : '';
  const detail = exit.lastError ? ` ${exit.lastError}` : '';
  return `${subject} ${how} ${when}.${hint}${detail}`;
}
