/**
 * Evaluation on images the run never trained on, through the CLI (real compute process): a
 * folder's recorded hold-out, MNIST's test split, and a run.json from before splits (evaluated
 * on its training images, and saying so).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../helpers/paths';
import { tempDir } from '../helpers/temp-dir';

interface Report {
  samples: number;
  evaluated_on: { split: string; n: number; note: string };
}
interface Manifest {
  split?: { kind: string; train: number; heldOut: number };
}

const tiny = ['--image-size', '32', '--batch', '8', '--latents', '3', '--z-dim', '4', '--stage2-width', '8', '--stage1-steps', '2', '--stage2-steps', '1'];

describe('CLI: evaluate on held-out images', () => {
  const dir = tempDir();
  const cli = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args, '--data-dir', path.join(dir.path, 'data')], { encoding: 'utf8', timeout: 120_000 });
  const evaluate = (runDir: string): Report => {
    const result = cli('evaluate', '--run', runDir, '--samples', '48', '--json');
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Report;
  };
  const folder = path.join(dir.path, 'photos');
  const folderRun = path.join(dir.path, 'folder-run');

  beforeAll(async () => {
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < 60; i++) {
      await sharp({ create: { width: 20, height: 16, channels: 3, background: { r: 4 * i, g: 255 - 4 * i, b: (i * 37) % 256 } } })
        .png()
        .toFile(path.join(folder, `img-${i}.png`));
    }
    const train = cli('train', '--data', folder, ...tiny, '--channels', '3', '--out', folderRun, '--json');
    expect(train.status, train.stderr).toBe(0);
  }, 120_000);
  afterAll(() => dir.remove());

  it('a folder run records its hold-out and is evaluated on exactly those images', () => {
    const manifest = JSON.parse(readFileSync(path.join(folderRun, 'run.json'), 'utf8')) as Manifest;
    expect(manifest.split).toMatchObject({ kind: 'holdout' });
    const heldOut = manifest.split?.heldOut ?? 0;
    expect(heldOut).toBeGreaterThanOrEqual(5);
    expect((manifest.split?.train ?? 0) + heldOut).toBe(60);
    const report = evaluate(folderRun);
    expect(report.evaluated_on).toMatchObject({ split: 'holdout', n: heldOut });
    expect(report.samples).toBe(Math.min(48, heldOut));
  });

  it('a run.json from before splits still evaluates, on its training images, and says so', () => {
    const file = path.join(folderRun, 'run.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest & Record<string, unknown>;
    delete manifest.split;
    writeFileSync(file, JSON.stringify(manifest));
    const report = evaluate(folderRun);
    expect(report.evaluated_on).toMatchObject({ split: 'training', n: 60 });
    expect(report.evaluated_on.note).toMatch(/before hold-out splits/);
    expect(report.samples).toBe(48);
  });

  it('an MNIST run is evaluated on the test split', () => {
    const runDir = path.join(dir.path, 'mnist-run');
    const train = cli('train', '--data', 'mnist', ...tiny, '--out', runDir, '--json');
    expect(train.status, train.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8')) as Manifest;
    expect(manifest.split).toMatchObject({ kind: 'test' });
    const report = evaluate(runDir);
    expect(report.evaluated_on).toMatchObject({ split: 'test', n: manifest.split?.heldOut });
    expect(report.evaluated_on.n).toBeGreaterThan(1000);
  }, 120_000);
});
