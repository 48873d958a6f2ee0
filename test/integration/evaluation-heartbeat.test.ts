import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSpec } from '../../shared/compute-protocol';
import { forkComputeProcess } from '../../main/jobs/compute-process';
import { heartbeatMs } from '../../main/jobs/watchdog';
import { cliEntry, workerPath } from '../helpers/paths';
import { tempDir } from '../helpers/temp-dir';

/**
 * A compute process busy evaluating must keep beating (main/jobs/heartbeat.ts), or the watchdog
 * kills it as hung although it is working: evaluations of image runs and table reports did, on
 * a loaded 2-core machine, after more than 60 s without one event-loop turn. Here the gaps
 * between heartbeats are measured as the main process sees them, on the raw launched process
 * (ComputeProcess consumes heartbeats). A beat is due every 2 s; a gap above MAX_GAP_MS means the
 * event loop was blocked for seconds. At these sizes the code before steps (engine/core/steps.ts)
 * was silent for 11 s (the whole image evaluation: reading a chunk back resolves as a microtask
 * on wasm, so no timer ran) and 9 s (the whole table report) on a loaded 2-core machine; with
 * them, 2.2 s and 2.8 s (a beat interval plus the longest TF.js pass).
 */
const MAX_GAP_MS = heartbeatMs + 4000;

interface Watched {
  readonly outcome: { type: string; message?: string };
  readonly maxGapMs: number;
  readonly beats: number;
}

/** Runs one job on a fresh compute process and measures the longest silence between heartbeats (and before the job's end). */
function runWatched(spec: JobSpec): Promise<Watched> {
  const child = forkComputeProcess({ workerPath, name: 'heartbeat test' });
  const beats: number[] = [];
  return new Promise((resolve, reject) => {
    child.onMessage((message) => {
      const m = message as { type: string; message?: string };
      if (m.type === 'heartbeat') beats.push(performance.now());
      if (m.type === 'done' || m.type === 'failed' || m.type === 'cancelled') {
        const end = performance.now();
        child.kill();
        const times = [...beats, end];
        let maxGapMs = 0;
        for (let i = 1; i < times.length; i++) maxGapMs = Math.max(maxGapMs, times[i]! - times[i - 1]!);
        resolve({ outcome: m, maxGapMs, beats: beats.length });
      }
    });
    child.onExit((exit) => reject(new Error(`the compute process exited before the job ended (${exit.code ?? exit.signal})`)));
    child.send({ type: 'start', jobId: 'heartbeat', spec });
  });
}

/** A table with a few related columns, big enough for a report on 4,000 synthetic rows. */
function writeCsv(file: string, rows: number): void {
  const lines = ['species,length,mass,adult,colour'];
  let state = 11;
  const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < rows; i++) {
    const species = ['fox', 'owl', 'elk', 'hare'][i % 4]!;
    const length = (species === 'elk' ? 200 : species === 'fox' ? 60 : 30) + Math.round(rand() * 200) / 10;
    lines.push(`${species},${length.toFixed(1)},${Math.round(length * 0.4 + rand() * 9)},${rand() < 0.4 ? 'yes' : 'no'},${['red', 'grey', 'brown'][Math.floor(rand() * 3)]}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('heartbeats while evaluating (real compute process)', () => {
  const dir = tempDir();
  const cli = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args, '--data-dir', path.join(dir.path, 'data')], { encoding: 'utf8', timeout: 120_000 });
  const imageRun = path.join(dir.path, 'image-run');
  const tableRun = path.join(dir.path, 'table-run');

  beforeAll(() => {
    const image = cli('train', '--data', 'dsprites', '--image-size', '32', '--batch', '8', '--latents', '3', '--z-dim', '4', '--stage2-width', '8', '--stage1-steps', '4', '--stage2-steps', '2', '--seed', '5', '--out', imageRun, '--json');
    expect(image.status, image.stderr).toBe(0);
    const csv = path.join(dir.path, 'animals.csv');
    writeCsv(csv, 6000);
    const table = cli('train', '--data', csv, '--stage1-steps', '10', '--stage2-steps', '5', '--batch', '64', '--out', tableRun, '--json');
    expect(table.status, table.stderr).toBe(0);
  });
  afterAll(() => dir.remove());

  it('an image evaluation (codes, SAP, the interpretability classifiers, FD / KID) beats throughout', async () => {
    const watched = await runWatched({ kind: 'image-evaluate', runDir: imageRun, samples: 1000 });
    console.log(`image evaluation: longest silence ${Math.round(watched.maxGapMs)} ms over ${watched.beats} beats`);
    expect(watched.outcome).toMatchObject({ type: 'done' });
    expect(watched.maxGapMs).toBeLessThan(MAX_GAP_MS);
  });

  it('a table report (quality, ML efficacy fits, DCR) beats throughout', async () => {
    const watched = await runWatched({ kind: 'tabular-report', runDir: tableRun, samples: 4000 });
    console.log(`table report: longest silence ${Math.round(watched.maxGapMs)} ms over ${watched.beats} beats`);
    expect(watched.outcome).toMatchObject({ type: 'done' });
    expect(watched.maxGapMs).toBeLessThan(MAX_GAP_MS);
  });
});
