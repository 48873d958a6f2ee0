/**
 * Benchmarks: `npm run bench -- <name> [options]`. Each prints one JSON object on stdout.
 *   check-step [--steps N] [--backend wasm|cpu|...]   ms per step of the tiny backend-check model
 *   train-step [--steps 30] [--warmup 5] [--backend B] [--profile] [--compare] [--stage 1|2|3] [--threads N]
 *       ms per step (1: stage 1, the reference architecture; 2: stage-2 MS-VAE; 3: MS-GAN), its
 *       GFLOP and peak RSS; --compare runs ours at 1 and N threads and the PyTorch twin
 *       (../shared/reference/torch_tcvae_bench.py for stage 1, bench/reference/torch_stage2_bench.py
 *       for stage 2) at 1 and N threads, and prints the best of each and their ratio
 *   tabular-step [--steps 50] [--warmup 5] [--backend B] [--compare] [--stage 1|2] [--profile]
 *       ms per tabular step (MLP 128-128, batch 256, 8 latents, 20 numeric columns; 2: the
 *       flow stage 2); --compare: beside the PyTorch reference / twin at 1 and N threads
 *   generate-speed [--kind images|table] [--compare] [--threads N] [--repeats 5] [--warmup 2] [--data FILE] [--rows 10000] [--profile]
 *       generation speed with an untrained model of the Balanced preset's config: 64x64 images
 *       per second (sampleImages, stage 2, at batch 1, 64 and the export's) and table rows per
 *       second (one chunk encoded; synthesizeRows decoded to values), min/median/max over the
 *       repeats, peak RSS; ours runs on one thread (an export has no replicas); --compare: the
 *       twin bench/reference/torch_generate_bench.py at 1 and N threads (--threads, default
 *       every core), both best rates and their ratio; without --kind, both kinds, each in a
 *       fresh process (its own peak RSS); --profile: the per-kernel profile of one draw
 *   tabular [--preset balanced | --stage1-steps 3000 --stage2-steps 3000 --stage2 vae|gmm|flow] [--datasets penguins,seattle-weather.csv] [--seeds 3 | 1,2,3] [--set flowNoise=0.1 --set numericEncoding=auto ...]
 *       trains on eight vega-datasets tables (bench/tabular.ts) and prints MS-VAE, the Gaussian
 *       copula baseline and stage 1 per table and seed, fit seconds, and the margins over the copula
 *   table-fit [--rows 10000] [--preset balanced] [--seed 1] [--set key=value ...]
 *       seconds to fit a generated census-like mixed table (bench/mixed-table.ts) with the preset,
 *       the report's overall on the hold-out and each column's missing rate, real and synthetic
 *   quality --preset quick|balanced|best [--data dsprites|mnist] [--samples 10000] [--run DIR]
 *       trains the app's preset with exactly the config the wizard sends, then prints that config,
 *       the time estimate beside the time measured, the evaluate report and the preset's targets
 *   quality [--minutes 15] [--image-size 32] [--lr 1e-3] [--stage2-lr 2e-3] [--stage1-share 0.35] [--stage2-width 16] [--samples 10000] [--threads 0] [--run DIR]
 *       trains on dSprites within the budget and prints the evaluate report with the targets
 *   paper [--minutes N] [--samples 10000] [--run DIR]
 *       the paper's Fig. 3 on dSprites: MS-VAE (the Balanced preset as the wizard sends it, steps
 *       scaled to N minutes by the app's estimate when given) and its three baselines at the same
 *       steps, each evaluated; JSON on stdout, the table (FD local, MIG, recon; C/Z/C+Z and M1-M4
 *       when the report has them) on stderr
 *   inspect-decode [--requests 20]
 *   tabular-rescore --runs DIR,DIR
 *       the quality report's headline of trained tabular runs again, without training
 *       the factor inspector's slider redraw (runs.decode through the services) on a tiny run,
 *       against a fresh compute process per request, split into start + TF.js load and the rest
 */
import os from 'node:os';
import path from 'node:path';
import type { BackendName } from '../shared/compute-protocol';
import { IMAGE_EVALUATE_SAMPLES } from '../shared/image-evaluation';
import { isPresetName, presetNames, type PresetName } from '../shared/presets';
import { tabularModelConfigSchema } from '../shared/tabular-config';
import { argValue } from '../main/app-paths';
import { selectBackend } from '../main/engine/core/backend';
import { trainCheckModel } from '../main/engine/core/check-model';
import { eventYielder } from '../main/engine/core/job-context';
import { generateSpeedApart, generateSpeedBench } from './generate-speed';
import { inspectDecodeBench } from './inspect-decode';
import { compareWithTorch, torchReferencePath, torchStage2Path, torchTableFlowPath } from './torch-reference';
import { paperBench } from './paper';
import { presetQualityBench, qualityBench } from './quality';
import { parseSeeds, tabularBench, tabularRescore } from './tabular';
import { tableFitBench } from './table-fit';
import { tabularStepBench } from './tabular-step';
import { trainStepBench } from './train-step';

async function checkStep(argv: string[]): Promise<object> {
  const steps = Number(argValue(argv, 'steps') ?? 2000);
  const backend = await selectBackend(argValue(argv, 'backend') as BackendName | undefined);
  let last = { stepsPerSec: 0 };
  const started = performance.now();
  const { result } = await trainCheckModel(
    { kind: 'check', steps, seed: 1 },
    { onProgress: (p) => (last = p), isCancelled: () => false, yieldToEvents: eventYielder() },
  );
  const ms = performance.now() - started;
  return {
    bench: 'check-step',
    backend: backend.name,
    steps: result.step,
    ms_per_step: Number((ms / result.step).toFixed(3)),
    steps_per_sec_last_window: Number(last.stepsPerSec.toFixed(1)),
    final_loss: result.metrics['loss'],
  };
}

/** Thread counts a --compare run tries: 1 and every core. */
const compareThreads = [...new Set([1, os.cpus().length])];

async function trainStep(argv: string[]): Promise<object> {
  const stage = Number(argValue(argv, 'stage') ?? 1) as 1 | 2 | 3;
  const run = (threads: number) =>
    trainStepBench({
      backend: argValue(argv, 'backend') as BackendName | undefined,
      steps: Number(argValue(argv, 'steps') ?? 30),
      warmup: Number(argValue(argv, 'warmup') ?? 5),
      profile: argv.includes('--profile'),
      stage,
      stage2Width: Number(argValue(argv, 'stage2-width') ?? 16),
      threads,
      replicaEntry: path.join(__dirname, '..', 'main', 'replica.cjs'),
    });
  if (!argv.includes('--compare')) return run(Number(argValue(argv, 'threads') ?? 1));
  // The MS-GAN step has no replicas (one thread only); the others run at 1 and N threads.
  const ours = [];
  for (const threads of stage === 3 ? [1] : compareThreads) ours.push(await run(threads));
  const twin = stage === 1 ? { script: torchReferencePath(), args: ['--kind', 'conv'] } : { script: torchStage2Path(), args: ['--kind', stage === 2 ? 'vae' : 'gan'] };
  return compareWithTorch(ours, twin.script, twin.args, compareThreads);
}

async function tabularStep(argv: string[]): Promise<object> {
  const stage = argValue(argv, 'stage') === '2' ? 2 : 1;
  const ours = await tabularStepBench({
    backend: argValue(argv, 'backend') as BackendName | undefined,
    steps: Number(argValue(argv, 'steps') ?? 50),
    warmup: Number(argValue(argv, 'warmup') ?? 5),
    stage,
    profile: argv.includes('--profile'),
  });
  if (!argv.includes('--compare')) return ours;
  return stage === 1
    ? compareWithTorch([ours], torchReferencePath(), ['--kind', 'mlp'], compareThreads)
    : compareWithTorch([ours], torchTableFlowPath(), [], compareThreads);
}

/** vega-datasets' data folder (the package exports no data paths: found from its entry point). */
const vegaDataDir = () => path.join(require.resolve('vega-datasets').replace(/(node_modules[\\/]vega-datasets)[\\/].*$/, '$1'), 'data');

/** A whole-number option of at least `min`, or its default; a clear error otherwise. */
function wholeArg(argv: string[], name: string, fallback: number, min: number): number {
  const text = argValue(argv, name);
  const value = Number(text ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} expects a whole number of at least ${min}, got "${text}"`);
  return value;
}

async function generateSpeed(argv: string[]): Promise<object> {
  const kind = argValue(argv, 'kind');
  if (kind !== undefined && kind !== 'images' && kind !== 'table') throw new Error(`--kind expects images or table, got "${kind}"`);
  const compare = argv.includes('--compare');
  const threads = argValue(argv, 'threads');
  if (threads !== undefined && !compare) throw new Error('generate-speed runs ours on one thread (an export has no replicas); --threads N sets the PyTorch twin\'s threads and goes with --compare');
  if (kind === undefined) return generateSpeedApart(process.argv[1] ?? __filename, argv);
  return generateSpeedBench({
    kind,
    backend: argValue(argv, 'backend') as BackendName | undefined,
    repeats: wholeArg(argv, 'repeats', 5, 1),
    warmup: wholeArg(argv, 'warmup', 2, 0),
    profile: argv.includes('--profile'),
    data: argValue(argv, 'data') ?? path.join(vegaDataDir(), 'movies.json'),
    rows: wholeArg(argv, 'rows', 10_000, 1),
    twinThreads: compare ? [...new Set([1, wholeArg(argv, 'threads', os.cpus().length, 1)])] : [],
  });
}

/** The time-budget flags, which would make a --preset run something other than what the wizard sends. */
const budgetFlags = ['minutes', 'stage1-share', 'image-size', 'lr', 'stage2-lr', 'stage2-width', 'threads'];

/** A --preset value, checked. */
function presetArg(name: string): PresetName {
  if (!isPresetName(name)) throw new Error(`--preset expects one of ${presetNames.join(', ')}, got "${name}"`);
  return name;
}

/** `quality --preset NAME [--data dsprites|mnist]`: the app's preset, as the wizard sends it. */
function presetQuality(argv: string[], name: string): Promise<object> {
  const preset = presetArg(name);
  const clash = budgetFlags.filter((flag) => argValue(argv, flag) !== undefined);
  if (clash.length > 0) throw new Error(`--preset trains the preset exactly as the wizard sends it; leave out ${clash.map((f) => `--${f}`).join(', ')}`);
  const data = argValue(argv, 'data') ?? 'dsprites';
  if (data !== 'dsprites' && data !== 'mnist') throw new Error(`--data expects dsprites or mnist, got "${data}"`);
  return presetQualityBench({
    preset,
    data,
    samples: Number(argValue(argv, 'samples') ?? IMAGE_EVALUATE_SAMPLES),
    replicaEntry: path.join(__dirname, '..', 'main', 'replica.cjs'),
    ...(argValue(argv, 'run') ? { runDir: argValue(argv, 'run') } : {}),
  });
}

/** Defaults: the best setting measured within 15 CPU-minutes on 2 cores (see the README's benchmark table). */
async function quality(argv: string[]): Promise<object> {
  const preset = argValue(argv, 'preset');
  if (preset !== undefined) return presetQuality(argv, preset);
  if (argValue(argv, 'data') !== undefined) throw new Error('--data goes with --preset; the time-budget bench trains on dSprites');
  const size = Number(argValue(argv, 'image-size') ?? 32);
  return qualityBench({
    minutes: Number(argValue(argv, 'minutes') ?? 15),
    stage1Share: Number(argValue(argv, 'stage1-share') ?? 0.35),
    imageSize: size === 32 ? 32 : 64,
    lr: Number(argValue(argv, 'lr') ?? 1e-3),
    // Stage 2 at twice stage 1's rate, as the model config's defaults (1e-4, 2e-4).
    stage2Lr: Number(argValue(argv, 'stage2-lr') ?? 2 * Number(argValue(argv, 'lr') ?? 1e-3)),
    ...(argValue(argv, 'stage2-width') ? { stage2Width: Number(argValue(argv, 'stage2-width')) } : {}),
    samples: Number(argValue(argv, 'samples') ?? IMAGE_EVALUATE_SAMPLES),
    threads: Number(argValue(argv, 'threads') ?? 0),
    replicaEntry: path.join(__dirname, '..', 'main', 'replica.cjs'),
    ...(argValue(argv, 'run') ? { runDir: argValue(argv, 'run') } : {}),
  });
}

async function paper(argv: string[]): Promise<object> {
  const minutes = argValue(argv, 'minutes');
  if (minutes !== undefined && !(Number(minutes) > 0)) throw new Error(`--minutes expects a positive number, got "${minutes}"`);
  return paperBench({
    ...(minutes !== undefined ? { minutes: Number(minutes) } : {}),
    samples: Number(argValue(argv, 'samples') ?? IMAGE_EVALUATE_SAMPLES),
    replicaEntry: path.join(__dirname, '..', 'main', 'replica.cjs'),
    ...(argValue(argv, 'run') ? { runDir: argValue(argv, 'run') } : {}),
  });
}

async function tabular(argv: string[]): Promise<object> {
  return tabularBench({
    // Default: the app's defaults (3000 + 3000 steps; early stopping may end a stage sooner).
    stage1Steps: Number(argValue(argv, 'stage1-steps') ?? tabularModelConfigSchema.shape.stage1Steps.parse(undefined)),
    stage2Steps: Number(argValue(argv, 'stage2-steps') ?? tabularModelConfigSchema.shape.stage2Steps.parse(undefined)),
    // Default: the model config's default stage 2 (flow).
    stage2: (['vae', 'gmm', 'flow'] as const).find((kind) => kind === argValue(argv, 'stage2')) ?? tabularModelConfigSchema.shape.stage2.parse(undefined),
    ...(argValue(argv, 'datasets') ? { datasets: argValue(argv, 'datasets')!.split(',') } : {}),
    // --seeds N (seeds 1..N; default 3, the issue asks for 5) or a list 1,2,3: one run per seed, targets judged on the mean.
    seeds: parseSeeds(argValue(argv, 'seeds') ?? '3'),
    // --preset quick|balanced|best: the config that preset's click sends (the steps above are then ignored).
    ...(argValue(argv, 'preset') ? { preset: presetArg(argValue(argv, 'preset')!) } : {}),
    // --set key=value (repeatable): a field of the tabular model config, e.g. --set flowNoise=0.1 or
    // --set numericEncoding=auto; numbers are read as numbers, anything else as a string (the schema checks it).
    overrides: Object.fromEntries(
      argv.flatMap((a, i) => (a === '--set' && argv[i + 1] ? [argv[i + 1]!.split('=')] : [])).map(([k, v]) => [k, v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v]),
    ),
    dataDir: vegaDataDir(),
  });
}

async function tableFit(argv: string[]): Promise<object> {
  return tableFitBench({
    rows: Number(argValue(argv, 'rows') ?? 10_000),
    preset: argValue(argv, 'preset') ?? 'balanced',
    seed: Number(argValue(argv, 'seed') ?? 1),
    overrides: Object.fromEntries(argv.flatMap((a, i) => (a === '--set' && argv[i + 1] ? [argv[i + 1]!.split('=')] : [])).map(([k, v]) => [k, Number(v)])),
  });
}

async function inspectDecode(argv: string[]): Promise<object> {
  return inspectDecodeBench({ requests: Number(argValue(argv, 'requests') ?? 20), workerPath: path.join(__dirname, '..', 'main', 'worker.cjs') });
}

const benches: Record<string, (argv: string[]) => Promise<object>> = {
  'check-step': checkStep,
  'train-step': trainStep,
  'tabular-step': tabularStep,
  'generate-speed': generateSpeed,
  tabular,
  'table-fit': tableFit,
  quality,
  paper,
  'inspect-decode': inspectDecode,
  'tabular-rescore': (argv) => tabularRescore((argValue(argv, 'runs') ?? '').split(',').filter(Boolean)),
};

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const bench = name ? benches[name] : undefined;
  if (!bench) {
    process.stderr.write(`Usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]\n`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await bench(rest))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
