/**
 * classifyExit's rules for the exits a test cannot cause for real here: Electron's verdicts,
 * V8 running out of heap, Windows. The forked cases run for real in
 * test/integration/compute-process-lifecycle.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { classifyExit, type ExitFacts } from '../../main/jobs/exit-reason';
import { unexpectedExitMessage } from '../../main/jobs/exit-message';

const facts = (over: Partial<ExitFacts>): ExitFacts => ({ code: null, signal: null, killedByUs: false, stderrTail: '', platform: 'linux', ...over });

describe('classifyExit', () => {
  it("says 'killed' whenever we killed it, even by SIGKILL or with a memory verdict", () => {
    expect(classifyExit(facts({ killedByUs: true, signal: 'SIGKILL' }))).toBe('killed');
    expect(classifyExit(facts({ killedByUs: true, code: 0, runtimeReason: 'oom' }))).toBe('killed');
  });

  it("says the watchdog's reason when the watchdog asked for the kill", () => {
    expect(classifyExit(facts({ killedByUs: true, killedFor: 'hung', signal: 'SIGKILL' }))).toBe('hung');
    expect(classifyExit(facts({ killedByUs: true, killedFor: 'memory-cap', signal: 'SIGKILL' }))).toBe('memory-cap');
  });

  it("says 'exited' for code 0 (and Electron's clean-exit), 'crashed' for other codes", () => {
    expect(classifyExit(facts({ code: 0 }))).toBe('exited');
    expect(classifyExit(facts({ code: 0, runtimeReason: 'clean-exit' }))).toBe('exited');
    expect(classifyExit(facts({ code: 1 }))).toBe('crashed');
    expect(classifyExit(facts({ code: 0, runtimeReason: 'FatalError', runtimeDetail: 'node::Abort' }))).toBe('crashed');
  });

  it("says 'out-of-memory' when Electron or V8 says so", () => {
    expect(classifyExit(facts({ code: 0, runtimeReason: 'oom' }))).toBe('out-of-memory');
    expect(classifyExit(facts({ code: 1, runtimeReason: 'FatalError', runtimeDetail: 'Reached heap limit' }))).toBe('out-of-memory');
    const v8 = 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n';
    expect(classifyExit(facts({ signal: 'SIGABRT', stderrTail: v8 }))).toBe('out-of-memory');
    expect(classifyExit(facts({ signal: 'SIGABRT' }))).toBe('crashed');
  });

  it('reads a SIGKILL we did not send, or code 137, as out of memory on POSIX only', () => {
    expect(classifyExit(facts({ signal: 'SIGKILL' }))).toBe('out-of-memory');
    expect(classifyExit(facts({ code: 137, platform: 'darwin' }))).toBe('out-of-memory');
    expect(classifyExit(facts({ code: 137, platform: 'win32' }))).toBe('crashed');
    expect(classifyExit(facts({ signal: 'SIGTERM' }))).toBe('crashed');
  });
});

describe('unexpectedExitMessage', () => {
  it('names the signal or code as the OS gave it and adds the memory hint from the reason', () => {
    const exit = { reason: 'out-of-memory', code: null, signal: 'SIGKILL', stderrTail: '' } as const;
    expect(unexpectedExitMessage('The compute process', exit, 'at step 7')).toBe('The compute process was killed (SIGKILL) at step 7. It may have run out of memory.');
    const crash = { reason: 'crashed', code: 1, signal: null, stderrTail: 'Error: boom\n', lastError: 'Error: boom' } as const;
    expect(unexpectedExitMessage('The compute process', crash, 'at step 0')).toBe('The compute process exited with code 1 at step 0. Error: boom');
  });
});
