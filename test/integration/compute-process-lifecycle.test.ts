/**
 * ComputeProcess over real forked processes: a tiny worker script, written here, that does
 * what the job id of its 'start' message says. Each exit is classified as it really happens.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ComputeProcess, forkComputeProcess } from '../../main/jobs/compute-process';
import { JobRunner } from '../../main/jobs/job-runner';
import { tempDir } from '../helpers/temp-dir';

const script = String.raw`
process.on('message', (message) => {
  if (message.type === 'cancel') {
    if (message.jobId === 'cooperative') process.exit(0);
    return; // 'stubborn': asked to stop, it carries on
  }
  if (message.type !== 'start') return;
  process.send({ type: 'started', jobId: message.jobId });
  switch (message.jobId) {
    case 'exit-0': return process.exit(0);
    case 'exit-3': return process.exit(3);
    case 'sigkill-self': return process.kill(process.pid, 'SIGKILL');
    case 'stderr':
      process.stderr.write('x'.repeat(5000) + '\nError: the model did not fit\n    at train (worker.js:1:1)\n');
      return setTimeout(() => process.exit(2), 20);
    default: setInterval(() => {}, 1000); // runs until stopped
  }
});
`;

const start = (jobId: string) => ({ type: 'start', jobId, spec: { kind: 'check', steps: 1, seed: 1 } }) as const;

describe('ComputeProcess (real child_process.fork of a tiny worker)', () => {
  let dir: ReturnType<typeof tempDir>;
  let workerPath: string;
  const live: ComputeProcess[] = [];
  const launch = (name = 'test') => {
    const process = new ComputeProcess({ workerPath, name, launcher: forkComputeProcess });
    live.push(process);
    return process;
  };

  beforeAll(() => {
    dir = tempDir();
    workerPath = path.join(dir.path, 'worker.cjs');
    writeFileSync(workerPath, script);
  });
  afterEach(async () => {
    for (const process of live.splice(0)) {
      process.kill();
      await process.whenExited;
    }
  });
  afterAll(() => dir.remove());

  it("reads a clean exit 0 as 'exited', after relaying its messages", async () => {
    const child = launch();
    const messages: unknown[] = [];
    child.onMessage((message) => messages.push(message));
    child.send(start('exit-0'));
    const exit = await child.whenExited;
    expect(exit).toMatchObject({ reason: 'exited', code: 0, signal: null, stderrTail: '' });
    expect(messages).toEqual([{ type: 'started', jobId: 'exit-0' }]);
    expect(child.hasExited).toBe(true);
    // Nothing to send to once it has gone: dropped, not thrown.
    expect(() => child.send(start('exit-0'))).not.toThrow();
  });

  it("reads our own kill as 'killed', whatever signal the OS reports", async () => {
    const child = launch();
    const exits: unknown[] = [];
    child.onExit((exit) => exits.push(exit));
    child.send(start('run'));
    await new Promise<void>((resolve) => child.onMessage(() => resolve()));
    child.kill();
    const exit = await child.whenExited;
    expect(exit).toMatchObject({ reason: 'killed', signal: 'SIGKILL' });
    expect(exits).toEqual([exit]);
  });

  it("never reads a SIGKILL the process got from elsewhere as 'killed'", async () => {
    const child = launch();
    child.send(start('sigkill-self'));
    const exit = await child.whenExited;
    expect(exit.signal).toBe('SIGKILL');
    // Nothing in the app sends it: on Linux and macOS it is what the OOM killer does.
    expect(exit.reason).toBe(process.platform === 'win32' ? 'crashed' : 'out-of-memory');
  });

  it("reads a non-zero exit code as 'crashed'", async () => {
    const child = launch();
    child.send(start('exit-3'));
    expect(await child.whenExited).toMatchObject({ reason: 'crashed', code: 3, signal: null });
  });

  it('passes stderr through, keeping its last 4 KiB and its last error line', async () => {
    // Our own stderr, caught to check the pass-through (and keep 5 KB of x out of the log).
    const passedThrough: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((text) => passedThrough.push(String(text)) > 0);
    const child = launch();
    child.send(start('stderr'));
    const exit = await child.whenExited.finally(() => write.mockRestore());
    expect(passedThrough.join('')).toMatch(/^x{5000}\nError: the model did not fit\n/);
    expect(exit).toMatchObject({ reason: 'crashed', code: 2, lastError: 'Error: the model did not fit' });
    expect(exit.stderrTail.length).toBe(4096);
    expect(exit.stderrTail.endsWith('Error: the model did not fit\n    at train (worker.js:1:1)\n')).toBe(true);
  });

  it('explains a worker that cannot load: code 1 and the error from stderr', async () => {
    const child = new ComputeProcess({ workerPath: `${workerPath}.missing`, name: 'missing', launcher: forkComputeProcess });
    const exit = await child.whenExited;
    expect(exit).toMatchObject({ reason: 'crashed', code: 1 });
    expect(exit.lastError).toMatch(/^Error: Cannot find module/);
  });

  it('stops gracefully: a process that honours the request exits by itself within the grace', async () => {
    const child = launch();
    child.send(start('cooperative'));
    await new Promise<void>((resolve) => child.onMessage(() => resolve()));
    const began = Date.now();
    const exit = await child.stop({ type: 'cancel', jobId: 'cooperative' }, 10_000);
    expect(exit).toMatchObject({ reason: 'exited', code: 0 });
    expect(Date.now() - began).toBeLessThan(5_000);
  });

  it('waits, then kills, a process that ignores the stop request', async () => {
    const child = launch();
    child.send(start('stubborn'));
    await new Promise<void>((resolve) => child.onMessage(() => resolve()));
    const began = Date.now();
    const exit = await child.stop({ type: 'cancel', jobId: 'stubborn' }, 300);
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    expect(exit).toMatchObject({ reason: 'killed', signal: 'SIGKILL' });
    // Already gone: waitForExit answers at once with the same exit.
    expect(await child.waitForExit(10_000)).toBe(exit);
  });

  it("JobRunner reports a job that ignores cancel as cancelled once the grace is over, and the process as gone", async () => {
    const runner = new JobRunner({ spawn: forkComputeProcess, workerPath, cancelGraceMs: 300 });
    const outcome = new Promise<string>((resolve) => {
      runner.submit('stubborn', { kind: 'check', steps: 1, seed: 1 }, {
        onStarted: () => setTimeout(() => runner.cancel('stubborn'), 200),
        onDone: () => resolve('done'),
        onCancelled: (step) => resolve(`cancelled at ${step}`),
        onFailed: (message) => resolve(`failed: ${message}`),
      });
    });
    expect(await outcome).toBe('cancelled at 0');
    expect(runner.isBusy()).toBe(false);
    await runner.shutdown();
  });
});
