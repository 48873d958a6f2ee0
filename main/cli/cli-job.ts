import { describeBackend, type BackendReport, type JobKind, type JobResult, type JobSpec } from '../../shared/compute-protocol';
import type { Progress } from '../../shared/progress';
import { JobCancelledError, JobFailedError } from '../jobs/job-errors';
import type { JobRunner } from '../jobs/job-runner';
import { CliError } from './args';

/** Formats progress for a terminal: one rewritten line on a TTY, a line every few seconds otherwise. */
function progressWriter(): (p: Progress) => void {
  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  return (p) => {
    const now = Date.now();
    const final = p.step === p.totalSteps;
    if (!tty && !final && now - lastLine < 3000) return;
    lastLine = now;
    const losses = Object.entries(p.losses)
      .map(([k, v]) => `${k} ${Number.isFinite(v) ? v.toPrecision(4) : v}`)
      .join('  ');
    const speed = p.stepsPerSec > 0 ? `  ${p.stepsPerSec.toFixed(1)} steps/s` : '';
    const eta = p.etaSec !== null && !final ? `  ETA ${Math.round(p.etaSec)}s` : '';
    const line = `${p.phase ?? 'step'} ${p.step}/${p.totalSteps}${speed}${eta}${losses ? `  ${losses}` : ''}`;
    process.stderr.write(tty ? `\r\x1b[2K${line}${final ? '\n' : ''}` : `${line}\n`);
  };
}

/** A CLI job's end: completed with its kind's result, or stopped by Ctrl+C at a step. */
export type CliJobOutcome<K extends JobKind> = { readonly backend: BackendReport | null } & (
  | { readonly cancelled: false; readonly result: JobResult<K> }
  | { readonly cancelled: true; readonly result: { readonly step: number; readonly metrics: Readonly<Record<string, number>>; readonly output?: undefined } }
);

/**
 * Runs one job in the compute process with progress on stderr. Ctrl+C asks the job to stop
 * (training keeps its last checkpoint); a second Ctrl+C kills it.
 */
export async function runCliJob<S extends JobSpec>(jobs: JobRunner, spec: S): Promise<CliJobOutcome<S['kind']>> {
  const stop = new AbortController();
  let backend: BackendReport | null = null;
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    process.stderr.write(interrupts === 1 ? '\nStopping after this step (Ctrl+C again to kill)…\n' : '\nKilling the compute process.\n');
    if (interrupts === 1) stop.abort();
    else void jobs.shutdown();
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await jobs.run(spec, {
      signal: stop.signal,
      onBackend: (b) => {
        backend = b;
        const skipped = b.skipped.length > 0 ? ` (skipped ${b.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')})` : '';
        process.stderr.write(`backend: ${describeBackend(b)}${skipped}\n`);
      },
      onProgress: progressWriter(),
      onCheckpoint: (step, dir) => {
        if (process.stderr.isTTY !== true) process.stderr.write(`checkpoint at step ${step}: ${dir}\n`);
      },
    });
    return { result, backend, cancelled: false };
  } catch (error) {
    if (error instanceof JobCancelledError) return { result: { step: error.step, metrics: {} }, backend, cancelled: true };
    throw error instanceof JobFailedError ? new CliError(error.message) : error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
