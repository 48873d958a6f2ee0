/**
 * Each model kind trains on webgpu through the CLI and the real compute process, on SwiftShader
 * here and in CI (forced: the ladder never picks a software adapter itself): the image MS-VAE,
 * the image MS-GAN and a tabular model. Tiny sizes and few steps: SwiftShader
 * is a CPU emulation and compiles every shader on first use.
 *
 * The three CLI commands start together, each in its own compute process: SwiftShader compiles a
 * process's shaders on one thread, so one after another they left a core idle for most of ~2 min.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../helpers/paths';
import { useSwiftShader } from '../helpers/swiftshader';
import { tempDir } from '../helpers/temp-dir';

const icd = useSwiftShader();
const tiny = ['--image-size', '32', '--batch', '4', '--latents', '3', '--z-dim', '4', '--stage2-width', '8', '--preview-every', '1000'];
const TIMEOUT_MS = 600_000;

interface TrainSummary {
  step: number;
  total_steps: number;
  backend: string;
  backend_adapter: string | null;
}

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(icd == null)(`CLI on webgpu (SwiftShader)${icd == null ? ' (skipped: no SwiftShader ICD; install chromium)' : ''}`, () => {
  const dir = tempDir();
  /** `cli.cjs ... --backend webgpu --json` in its own process (and its own data folder); resolves when it exits. */
  const cli = (name: string, ...args: string[]) =>
    new Promise<CliResult>((resolve) => {
      const child = spawn(process.execPath, [cliEntry, ...args, '--backend', 'webgpu', '--data-dir', path.join(dir.path, `data-${name}`), '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });
  let runs: Record<'vae' | 'gan' | 'table', Promise<CliResult>>;

  beforeAll(() => {
    const csv = path.join(dir.path, 'rows.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${(i * 7) % 13},${['a', 'b', 'c'][i % 3]},${i % 5 === 0 ? '' : (i * 0.37).toFixed(2)}`);
    writeFileSync(csv, `x,kind,y\n${rows.join('\n')}\n`);
    // Started here, awaited by each test.
    runs = {
      vae: cli('vae', 'train', '--data', 'dsprites', ...tiny, '--stage1-steps', '2', '--stage2-steps', '2', '--out', path.join(dir.path, 'vae')),
      gan: cli('gan', 'train', '--data', 'dsprites', ...tiny, '--stage2', 'gan', '--stage1-steps', '1', '--stage2-steps', '1', '--out', path.join(dir.path, 'gan')),
      table: cli('table', 'train', '--data', csv, '--stage1-steps', '3', '--stage2-steps', '3', '--batch', '16', '--hidden', '16', '--out', path.join(dir.path, 'table')),
    };
  });
  afterAll(async () => {
    await Promise.all(Object.values(runs));
    dir.remove();
  }, TIMEOUT_MS);

  function expectTrainedOnWebGpu(result: CliResult, steps: number): void {
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr.split('\n')[0]).toMatch(/^backend: webgpu on google swiftshader \(.*\), software$/);
    const summary = JSON.parse(result.stdout) as TrainSummary;
    expect(summary).toMatchObject({ step: steps, total_steps: steps, backend: 'webgpu' });
    expect(summary.backend_adapter).toMatch(/swiftshader/);
  }

  // Evaluation on webgpu is the same kernels (test/engine/webgpu) and was run by hand with
  // `evaluate --backend webgpu`: on SwiftShader it compiles another ~45 s of shaders, more than
  // this suite's share for webgpu allows.
  it('trains the image MS-VAE', { timeout: TIMEOUT_MS }, async () => {
    expectTrainedOnWebGpu(await runs.vae, 4);
  });

  it('trains the image MS-GAN', { timeout: TIMEOUT_MS }, async () => {
    expectTrainedOnWebGpu(await runs.gan, 2);
  });

  it('trains a tabular model (coupling-flow stage 2)', { timeout: TIMEOUT_MS }, async () => {
    expectTrainedOnWebGpu(await runs.table, 6);
  });
});
