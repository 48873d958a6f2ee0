import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../helpers/paths';
import { tempDir } from '../helpers/temp-dir';

interface EvaluateReport {
  stage1: Record<string, number>;
  stage2: Record<string, number>;
  y_mode: string;
  stage2_mean_y: Record<string, number>;
  disentanglement: { factors_used: string[]; protocol: { mig_samples: number; sap_train: number; sap_test: number }; stage1: { mig: number; sap: number } };
  preservation: Record<string, number | null | number[]>;
  sample_quality: { feature_net: string; stage2: { fd_local: number } };
  factors: { kl_per_dim: number[]; active: number; active_threshold: number; active_dims: number[] };
  interpretability?: { n: number; split: string; labels: { name: string; classes: number; chance: number; c: number; z: number | null; cz: number | null }[] };
  stage2Mi?: { n: number; split: string; perFactor: { factor: string; m1: number | null; m2: number | null; m3: number | null; m4: number | null }[] } | null;
}

const tiny = ['--image-size', '32', '--batch', '8', '--latents', '3', '--z-dim', '4', '--stage2-width', '8', '--checkpoint-every', '5', '--preview-every', '5'];

describe('CLI: train, evaluate, generate, traverse (real compute process)', () => {
  const dir = tempDir();
  const runDir = path.join(dir.path, 'run');
  const cli = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args, '--data-dir', path.join(dir.path, 'data')], { encoding: 'utf8', timeout: 120_000 });

  beforeAll(() => {
    const train = cli('train', '--data', 'dsprites', ...tiny, '--stage1-steps', '6', '--stage2-steps', '4', '--seed', '3', '--out', runDir, '--json');
    expect(train.status, train.stderr).toBe(0);
  });
  afterAll(() => dir.remove());

  it('train writes the run folder: manifest, checkpoints, previews, and one JSON object on stdout', () => {
    const last = cli('train', '--data', 'dsprites', ...tiny, '--stage1-steps', '6', '--stage2-steps', '4', '--seed', '3', '--out', runDir, '--json');
    const summary = JSON.parse(last.stdout) as { step: number; total_steps: number; backend: string; output: { resumedFrom: number } };
    // Trained already: running it again resumes at the end and has nothing left to do.
    expect(summary).toMatchObject({ step: 10, total_steps: 10, backend: 'wasm', output: { resumedFrom: 10 } });
    expect(last.stderr).toMatch(/backend: wasm/);
    expect(JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8'))).toMatchObject({ dataset: { name: 'dSprites' }, config: { stage2: 'vae' } });
    expect(readdirSync(path.join(runDir, 'checkpoints'))).toContain('latest.json');
    expect(readdirSync(path.join(runDir, 'previews'))).toContain('latest.png');
  });

  it('train --baselines trains the three baselines after the run, each into its own folder with the same steps in one stage', () => {
    const result = cli('train', '--data', 'dsprites', ...tiny, '--stage1-steps', '6', '--stage2-steps', '4', '--seed', '3', '--out', runDir, '--baselines', '--json');
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { variant: string; step: number; baselines: { variant: string; run_dir: string; step: number; total_steps: number }[] };
    // The MS-VAE run was trained already: it resumes at its end, then the baselines train.
    expect(summary).toMatchObject({ variant: 'ms-vae', step: 10 });
    expect(summary.baselines.map((b) => [b.variant, b.run_dir, b.step, b.total_steps])).toEqual(
      ['beta-tcvae', 'beta-tcvae-l', 'big-vae'].map((v) => [v, `${runDir}-${v}`, 10, 10]),
    );
    for (const b of summary.baselines) {
      expect(JSON.parse(readFileSync(path.join(b.run_dir, 'run.json'), 'utf8'))).toMatchObject({ config: { variant: b.variant, stage1Steps: 10, stage2Steps: 0, seed: 3 } });
    }
  });

  it('evaluate prints the metrics as one JSON object', () => {
    const result = cli('evaluate', '--run', runDir, '--samples', '48', '--json');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as EvaluateReport;
    for (const stage of [report.stage1, report.stage2, report.stage2_mean_y]) {
      for (const key of ['recon_bce', 'mse', 'psnr', 'ssim']) expect(Number.isFinite(stage[key]), key).toBe(true);
    }
    expect(report.disentanglement.factors_used).toEqual(['shape', 'scale', 'orientation', 'posX', 'posY']);
    expect(report.disentanglement.stage1.mig).toBeGreaterThanOrEqual(0);
    expect(report.disentanglement.stage1.sap).toBeGreaterThanOrEqual(0);
    expect(report.y_mode).toBe('sample');
    // 48 images for MIG; SAP's separate test set is half as many more (disentanglement_lib's 10,000 / 5,000).
    expect(report.disentanglement.protocol).toEqual({ mig_samples: 48, sap_train: 48, sap_test: 24 });
    // Preservation over the active dims beside its chance floor (the protocol of issue 13).
    expect(Object.keys(report.preservation)).toEqual(['encoder_z', 'random_z', 'shuffled_y', 'chance', 'dims']);
    expect(report.factors.active_threshold).toBeGreaterThanOrEqual(0.1);
    expect(report.sample_quality.feature_net).toBe('randconv-128-v1');
    expect(report.sample_quality.stage2.fd_local).toBeGreaterThan(0);
    expect(report.factors.kl_per_dim).toHaveLength(3);
    // The paper's analyses: the five factors predicted from C, Z and C+Z on the second half of the
    // images (fit on the first), and M1-M4 for each active factor.
    const interp = report.interpretability!;
    expect(interp).toMatchObject({ n: 24, split: 'full-grid' });
    expect(interp.labels.map((l) => [l.name, l.classes])).toEqual([['shape', 3], ['scale', 6], ['orientation', 40], ['posX', 32], ['posY', 32]]);
    for (const l of interp.labels) {
      for (const v of [l.chance, l.c, l.z, l.cz]) expect(v !== null && v >= 0 && v <= 1, l.name).toBe(true);
    }
    const mi = report.stage2Mi!;
    expect(mi).toMatchObject({ n: 48, split: 'full-grid' });
    expect(mi.perFactor.map((p) => p.factor)).toEqual(report.factors.active_dims.map((k) => `c${k}`));
    for (const p of mi.perFactor) for (const v of [p.m1, p.m2, p.m3, p.m4]) expect(v === null || (v >= 0 && v <= 1), p.factor).toBe(true);
    expect(existsSync(path.join(runDir, 'evaluation.json'))).toBe(true);
  });

  it('evaluate reports null for every stage-2 part while stage 2 has not trained', () => {
    const stage1Only = path.join(dir.path, 'stage1-only');
    const train = cli('train', '--data', 'dsprites', ...tiny, '--stage1-steps', '4', '--stage2-steps', '0', '--seed', '3', '--out', stage1Only, '--json');
    expect(train.status, train.stderr).toBe(0);
    const result = cli('evaluate', '--run', stage1Only, '--samples', '32', '--json');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as EvaluateReport & { stage2_trained: boolean; disentanglement: { stage2: unknown } };
    expect(report.stage2_trained).toBe(false);
    expect([report.stage2, report.stage2_mean_y, report.preservation, report.sample_quality.stage2, report.disentanglement.stage2, report.stage2Mi]).toEqual([null, null, null, null, null, null]);
    expect(Number.isFinite(report.stage1.recon_bce)).toBe(true);
    // Without stage 2 there is no Z: labels from C only.
    expect(report.interpretability?.labels.map((l) => [l.z, l.cz])).toEqual(Array.from({ length: 5 }, () => [null, null]));
  });

  it('generate writes n PNG files of the model size, with a factor fixed', async () => {
    const out = path.join(dir.path, 'generated');
    const result = cli('generate', '--run', runDir, '--n', '5', '--fix', 'c1=1.5', '--out', out, '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ images: 5, stage: 2, fix: { 1: 1.5 } });
    const files = readdirSync(out).sort();
    expect(files).toEqual(['sample-00001.png', 'sample-00002.png', 'sample-00003.png', 'sample-00004.png', 'sample-00005.png']);
    const meta = await sharp(path.join(out, files[0] ?? '')).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([32, 32, 'png']);
  });

  it('traverse writes one grid: a row per factor, stage 1 beside stage 2', async () => {
    const out = path.join(dir.path, 'grid.png');
    const result = cli('traverse', '--run', runDir, '--out', out, '--steps', '5');
    expect(result.status, result.stderr).toBe(0);
    const meta = await sharp(out).metadata();
    const block = 5 * 32 + 4;
    expect([meta.width, meta.height]).toEqual([2 * block + 6, 3 * 32 + 2]);
  });

  it.each([
    [['train', '--data', '/no/such/folder', '--out', 'x'], /^error: --data: \/no\/such\/folder does not exist/],
    [['train', '--data', 'dsprites', '--beta', 'lots', '--out', 'x'], /^error: --beta expects a number, got "lots"/],
    [['train', '--data', 'no-such-table.csv', '--out', 'x'], /^error: --data: .*no-such-table\.csv does not exist/],
    [['train', '--data', 'dsprites'], /^error: --out is required/],
    [['generate', '--run', '/no/run', '--out', 'x'], /^error: --run: \/no\/run is not a run folder/],
    [['train', '--data', 'dsprites', '--stage2', 'diffusion', '--out', 'x'], /^error: --stage2: /],
  ])('refuses %j with one clear line and no stack trace', (args, message) => {
    const result = cli(...args);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('trains on a folder with corrupt files: uses the readable images and lists the others', async () => {
    const folder = path.join(dir.path, 'photos');
    mkdirSync(path.join(folder, 'nested'), { recursive: true });
    for (let i = 0; i < 6; i++) {
      const file = path.join(i % 2 ? path.join(folder, 'nested') : folder, `img-${i}.${i % 3 === 0 ? 'jpg' : 'png'}`);
      await sharp({ create: { width: 40 + i, height: 30, channels: 3, background: { r: 40 * i, g: 100, b: 200 - 20 * i } } }).toFile(file);
    }
    writeFileSync(path.join(folder, 'empty.png'), '');
    writeFileSync(path.join(folder, 'notes.png'), 'this is text, not an image');
    const out = path.join(dir.path, 'photo-run');
    const result = cli('train', '--data', folder, ...tiny, '--channels', '3', '--stage1-steps', '2', '--stage2-steps', '1', '--out', out, '--json');
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { step: number; output: { skipped: { file: string; reason: string }[] } };
    expect(summary.step).toBe(3);
    expect(summary.output.skipped.map((s) => s.file).sort()).toEqual(['empty.png', 'notes.png']);
    expect(summary.output.skipped.every((s) => s.reason.length > 0)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'))).toMatchObject({ dataset: { count: 6, channels: 3, skipped: 2 } });
  });
});
