import { spawnSync } from 'node:child_process';
import type { BackendName } from '../shared/compute-protocol';
import { imageGenerateSpeed, imageTwinArgs } from './generate-images-speed';
import { tableGenerateSpeed, tableTwinArgs } from './generate-table-speed';
import { runTorchJson, torchGeneratePath } from './torch-reference';

export type GenerateKind = 'images' | 'table';

export interface GenerateSpeedBenchOptions {
  readonly kind: GenerateKind;
  readonly backend?: BackendName;
  readonly repeats: number;
  readonly warmup: number;
  readonly profile?: boolean;
  /** Table kind: the table the encoder is fitted on, and rows per synthesis. */
  readonly data: string;
  readonly rows: number;
  /** Thread counts the PyTorch twin runs at; none: ours only. */
  readonly twinThreads: readonly number[];
}

interface Rate {
  readonly batch: number;
  readonly per_s: number;
  readonly stage?: string;
}

interface TwinRun {
  readonly threads: number;
  readonly results: readonly Rate[];
}

/**
 * Ours beside the twin for every batch both timed: the best rate of each over its thread
 * counts (ours runs on one) and the ratio, ours' time over PyTorch's, as the step benches
 * print it (below 1: ours is faster). The table's decoded rows have no twin and are left out.
 */
function compareWithTwin(ours: Record<string, unknown>, twinArgs: string[], threads: readonly number[]): object {
  const pytorch: TwinRun[] = [];
  for (const t of threads) {
    const run = runTorchJson<TwinRun>(torchGeneratePath(), twinArgs, t);
    if ('note' in run) return { ours, pytorch: null, note: run.note };
    pytorch.push(run.result);
  }
  const unit = ours['kind'] === 'generate-images' ? 'images' : 'rows';
  const compare = (ours['results'] as Rate[])
    .filter((r) => r.stage !== 'decoded')
    .map((r) => {
      const twin = pytorch
        .map((p) => ({ threads: p.threads, per_s: p.results.find((t) => t.batch === r.batch)?.per_s ?? 0 }))
        .reduce((a, b) => (b.per_s > a.per_s ? b : a));
      return { batch: r.batch, unit, ours_best: { threads: 1, per_s: r.per_s }, pytorch_best: twin, ratio: Number((twin.per_s / r.per_s).toFixed(2)) };
    });
  return { ours, pytorch, compare };
}

/** One kind: ours, then (with twin threads) the twin and the comparison. */
export async function generateSpeedBench(options: GenerateSpeedBenchOptions): Promise<object> {
  const ours = options.kind === 'images' ? await imageGenerateSpeed(options) : await tableGenerateSpeed(options);
  if (options.twinThreads.length === 0) return { bench: 'generate-speed', ...ours };
  const twinArgs = options.kind === 'images' ? imageTwinArgs(ours, options.repeats, options.warmup) : tableTwinArgs(ours, options.repeats, options.warmup);
  return { bench: 'generate-speed', kind: ours['kind'], ...compareWithTwin(ours, twinArgs, options.twinThreads) };
}

/**
 * Both kinds, each in a fresh process of this bench (`argv` plus --kind): the WebAssembly heap
 * only grows, so a second kind in the same process would carry the first's memory in its
 * peak RSS.
 */
export function generateSpeedApart(script: string, argv: readonly string[]): object {
  const out: Record<string, unknown> = { bench: 'generate-speed' };
  for (const kind of ['images', 'table'] as const) {
    const run = spawnSync(process.execPath, [script, 'generate-speed', ...argv, '--kind', kind], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (run.status !== 0) throw new Error(`generate-speed --kind ${kind} failed (exit ${run.status ?? run.signal}); its error is above`);
    out[kind] = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as object;
  }
  return out;
}
