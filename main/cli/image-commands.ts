import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { backendLadder, describeAdapter, type BackendName } from '../../shared/compute-protocol';
import { imageModelConfigSchema, type ImageModelConfig, type ImageModelConfigInput } from '../../shared/image-config';
import { IMAGE_EVALUATE_SAMPLES } from '../../shared/image-evaluation';
import { imageConfigInput } from '../../shared/presets';
import { baselineConfig, baselineKinds, variantLabels } from '../../shared/baselines';
import type { JobRunner } from '../jobs/job-runner';
import { Args, CliError } from './args';
import { withPreset } from './preset-flag';
import { assertResumable } from './run-folder';
import { runCliJob } from './cli-job';
import { generateTabularCommand, reportCommand, trainTabularCommand } from './tabular-commands';

const builtIn = new Set(['dsprites', 'mnist', 'mnist:train', 'mnist:test']);

export function backendOf(args: Args): BackendName | undefined {
  const value = args.string('backend');
  if (value === undefined) return undefined;
  if (!(backendLadder as readonly string[]).includes(value)) throw new CliError(`--backend expects one of ${backendLadder.join(', ')}, got "${value}"`);
  return value as BackendName;
}

/** --kind from the flag, else from --data: a folder or built-in set is image, a .csv/.json file is tabular. */
export function inferKind(data: string, kind: string | undefined): 'image' | 'tabular' {
  if (kind !== undefined) {
    if (kind !== 'image' && kind !== 'tabular') throw new CliError(`--kind expects image or tabular, got "${kind}"`);
    return kind;
  }
  if (builtIn.has(data.toLowerCase())) return 'image';
  if (/\.(csv|tsv|json)$/i.test(data)) return 'tabular';
  return 'image';
}

function checkImageData(data: string): string {
  if (builtIn.has(data.toLowerCase())) return data.toLowerCase();
  const folder = path.resolve(data);
  if (!existsSync(folder)) throw new CliError(`--data: ${folder} does not exist (expected dsprites, mnist or a folder of images)`);
  if (!statSync(folder).isDirectory()) throw new CliError(`--data: ${folder} is a file; image training expects a folder of PNG/JPEG/WebP images`);
  return folder;
}

/** The image config `train` runs: the flags, over the --preset's config when one is named. */
export function trainConfig(args: Args, data: string): ImageModelConfig {
  const int = (name: string, min = 0, max?: number) => args.number(name, { integer: true, min, ...(max !== undefined ? { max } : {}) });
  const input: Record<string, unknown> = {
    data,
    imageSize: int('image-size', 32, 64),
    channels: int('channels', 1, 3),
    fit: args.string('fit'),
    latents: int('latents', 1, 64),
    beta: args.number('beta', { min: 0 }),
    stage1Steps: int('stage1-steps'),
    stage2: args.string('stage2'),
    stage2Steps: int('stage2-steps'),
    zDim: int('z-dim', 1, 256),
    stage2Width: int('stage2-width', 4, 128),
    batch: int('batch', 2, 1024),
    lr: args.number('lr', { min: 0 }),
    stage2Lr: args.number('stage2-lr', { min: 0 }),
    seed: int('seed'),
    yMode: args.string('y-mode'),
    checkpointEvery: int('checkpoint-every', 1),
    previewEvery: int('preview-every', 1),
  };
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const channels = defined['channels'] === 3 ? 3 : 1;
  const parsed = imageModelConfigSchema.safeParse(withPreset(args, 'image', defined, (s) => imageConfigInput(s, { data, channels })) as ImageModelConfigInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = String(issue?.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new CliError(`--${flag}: ${issue?.message ?? 'invalid value'}`);
  }
  if (parsed.data.imageSize !== 32 && parsed.data.imageSize !== 64) throw new CliError('--image-size expects 32 or 64');
  return parsed.data;
}

export async function trainCommand(jobs: JobRunner, args: Args, json: boolean): Promise<void> {
  const dataArg = args.required('data', 'dsprites, mnist, or a folder of images');
  const kind = inferKind(dataArg, args.string('kind'));
  if (kind === 'tabular') return trainTabularCommand(jobs, args, json, dataArg, backendOf(args));
  const runDir = path.resolve(args.required('out', 'the run folder to write'));
  const config = trainConfig(args, checkImageData(dataArg));
  const backend = backendOf(args);
  const withBaselines = args.flag('baselines');
  if (withBaselines && config.variant !== 'ms-vae') throw new CliError('--baselines: baselines are trained beside an MS-VAE run');
  // Each baseline trains into its own folder beside the MS-VAE's: RUN_DIR-beta-tcvae, ...
  const planned = [
    { kind: 'ms-vae' as const, config, runDir },
    ...(withBaselines ? baselineKinds.map((kind) => ({ kind, config: baselineConfig(config, kind), runDir: `${runDir}-${kind}` })) : []),
  ];
  const saved = (c: unknown) => {
    const parsed = imageModelConfigSchema.safeParse(c);
    return parsed.success ? parsed.data : undefined;
  };
  for (const run of planned) assertResumable(run.runDir, run.config, ['checkpointEvery', 'previewEvery'], saved);
  const summaries = [];
  for (const run of planned) {
    const { result, backend: used, cancelled } = await runCliJob(jobs, { kind: 'image-train', config: run.config, runDir: run.runDir, ...(backend ? { backend } : {}) });
    const summary = { run_dir: run.runDir, variant: run.kind, step: result.step, total_steps: run.config.stage1Steps + run.config.stage2Steps, cancelled, backend: used?.name ?? null, backend_adapter: used?.adapter ? describeAdapter(used.adapter) : null, losses: result.metrics, output: result.output };
    summaries.push(summary);
    if (!json) process.stdout.write(`${cancelled ? 'Stopped' : 'Trained'} ${variantLabels[run.kind]} ${result.step}/${summary.total_steps} steps on ${summary.backend}; run folder ${run.runDir}\n`);
    if (cancelled) {
      process.exitCode = 130;
      break;
    }
  }
  // One JSON object as before; with --baselines the baselines' summaries under "baselines".
  const [main, ...rest] = summaries;
  if (json) process.stdout.write(`${JSON.stringify(withBaselines ? { ...main, baselines: rest } : main)}\n`);
}

export function runDirArg(args: Args): string {
  const runDir = path.resolve(args.required('run', 'a run folder written by train'));
  if (!existsSync(path.join(runDir, 'run.json'))) throw new CliError(`--run: ${runDir} is not a run folder (no run.json); train one with: train ... --out ${runDir}`);
  return runDir;
}

export async function evaluateCommand(jobs: JobRunner, args: Args, json: boolean): Promise<void> {
  const runDir = runDirArg(args);
  if (runKind(runDir) === 'tabular') return reportCommand(jobs, args, json, runDir, backendOf(args));
  const samples = args.number('samples', { integer: true, min: 2, max: 100_000 }) ?? IMAGE_EVALUATE_SAMPLES;
  const backend = backendOf(args);
  const { result } = await runCliJob(jobs, { kind: 'image-evaluate', runDir, samples, ...(backend ? { backend } : {}) });
  process.stdout.write(json ? `${JSON.stringify(result.output)}\n` : `${JSON.stringify(result.output, null, 2)}\n`);
}

/** --fix c3=1.5 (repeatable). */
export function parseFixes(values: string[]): Record<number, number> {
  const fix: Record<number, number> = {};
  for (const value of values) {
    const match = /^c(\d+)=(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i.exec(value.trim());
    if (!match) throw new CliError(`--fix expects cK=VALUE, e.g. --fix c3=1.5; got "${value}"`);
    fix[Number(match[1])] = Number(match[2]);
  }
  return fix;
}

/** The kind a run folder holds, from its run.json. */
function runKind(runDir: string): 'image' | 'tabular' {
  const manifest = JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { kind?: string };
  return manifest.kind === 'tabular' ? 'tabular' : 'image';
}

export async function generateCommand(jobs: JobRunner, args: Args, json: boolean): Promise<void> {
  const runDir = runDirArg(args);
  if (runKind(runDir) === 'tabular') return generateTabularCommand(jobs, args, json, runDir, parseFixes(args.strings('fix')), backendOf(args));
  const n = args.number('n', { integer: true, min: 1, max: 1_000_000 }) ?? 100;
  const outDir = path.resolve(args.required('out', 'the folder to write PNG files into'));
  const fix = parseFixes(args.strings('fix'));
  const seed = args.number('seed', { integer: true, min: 0 }) ?? 1;
  const backend = backendOf(args);
  const { result, cancelled } = await runCliJob(jobs, { kind: 'image-generate', runDir, n, fix, seed, outDir, ...(backend ? { backend } : {}) });
  if (cancelled) throw new CliError('generate was stopped; nothing was written');
  const output = result.output;
  const summary = { out: outDir, images: output.files.length, stage: output.stage, fix };
  process.stdout.write(json ? `${JSON.stringify(summary)}\n` : `Wrote ${summary.images} images (stage ${summary.stage}) to ${outDir}\n`);
}

export async function traverseCommand(jobs: JobRunner, args: Args, json: boolean): Promise<void> {
  const runDir = runDirArg(args);
  if (runKind(runDir) === 'tabular') throw new CliError('traverse draws image grids; for a tabular run use report --html to see each column');
  const out = path.resolve(args.required('out', 'the PNG file to write'));
  if (!/\.png$/i.test(out)) throw new CliError(`--out: ${out} should end in .png`);
  const steps = args.number('steps', { integer: true, min: 2, max: 25 }) ?? 9;
  const range = args.number('range', { min: 0.1, max: 10 }) ?? 2.5;
  const seed = args.number('seed', { integer: true, min: 0 }) ?? 1;
  const backend = backendOf(args);
  const { result } = await runCliJob(jobs, { kind: 'image-traverse', runDir, out, steps, range, seed, ...(backend ? { backend } : {}) });
  process.stdout.write(json ? `${JSON.stringify(result.output)}\n` : `Wrote ${out} (rows: factors; left: stage 1, right: stage 2)\n`);
}
