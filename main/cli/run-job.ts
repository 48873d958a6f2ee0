import type { BackendReport, JobProgress, JobResult, JobSpec } from '../../shared/compute-protocol';
import type { JobRunner } from '../jobs/job-runner';
import { CliError } from './args';

/** Formats progress for a terminal: one rewritten line on a TTY, a line every few seconds otherwise. */
function progressWriter(): (p: JobProgress) => void {
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

/**
 * Runs one job in the compute process with progress on stderr. Ctrl+C asks the job to stop
 * (training keeps its last checkpoint); a second Ctrl+C kills it.
 */
export function runCliJob(jobs: JobRunner, spec: JobSpec): Promise<{ result: JobResult; backend: BackendReport | null; cancelled: boolean }> {
  const id = `cli-${spec.kind}-${process.pid}`;
  const writeProgress = progressWriter();
  return new Promise((resolve, reject) => {
    let backend: BackendReport | null = null;
    let interrupts = 0;
    const onSigint = () => {
      interrupts++;
      process.stderr.write(interrupts === 1 ? '\nStopping after this step (Ctrl+C again to kill)…\n' : '\nKilling the compute process.\n');
      if (interrupts === 1) jobs.cancel(id);
      else void jobs.shutdown();
    };
    process.on('SIGINT', onSigint);
    const done = () => process.off('SIGINT', onSigint);
    jobs.submit(id, spec, {
      onBackend: (b) => {
        backend = b;
        const skipped = b.skipped.length > 0 ? ` (skipped ${b.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')})` : '';
        process.stderr.write(`backend: ${b.name}${skipped}\n`);
      },
      onProgress: writeProgress,
      onCheckpoint: (step, dir) => {
        if (process.stderr.isTTY !== true) process.stderr.write(`checkpoint at step ${step}: ${dir}\n`);
      },
      onDone: (result) => {
        done();
        resolve({ result, backend, cancelled: false });
      },
      onCancelled: (step) => {
        done();
        resolve({ result: { step, metrics: {} }, backend, cancelled: true });
      },
      onFailed: (message) => {
        done();
        reject(new CliError(message));
      },
    });
  });
}
