import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** One timing: ms per step (median) and the threads it ran with. */
export interface StepTiming {
  readonly ms_per_step: number;
  readonly threads: number;
}

/** The PyTorch reference of the stage-1 and tabular stage-1 steps: ../shared/reference beside the repository. */
export function torchReferencePath(): string {
  return path.resolve(process.cwd(), '..', 'shared', 'reference', 'torch_tcvae_bench.py');
}

/** Our own PyTorch twin of the stage-2 steps (MS-VAE, MS-GAN): bench/reference. */
export function torchStage2Path(): string {
  return path.resolve(process.cwd(), 'bench', 'reference', 'torch_stage2_bench.py');
}

/** Our PyTorch twin of the tabular flow stage-2 step: bench/reference. */
export function torchTableFlowPath(): string {
  return path.resolve(process.cwd(), 'bench', 'reference', 'torch_table_flow_bench.py');
}

/** Our PyTorch twin of image and table generation (bench/generate-speed.ts): bench/reference. */
export function torchGeneratePath(): string {
  return path.resolve(process.cwd(), 'bench', 'reference', 'torch_generate_bench.py');
}

/** Runs a PyTorch reference script once and parses the JSON it prints; a note with the reason when it cannot run. */
export function runTorchJson<T extends object = Record<string, unknown>>(script: string, args: string[], threads: number): { result: T } | { note: string } {
  if (!existsSync(script)) return { note: `reference not found at ${script}` };
  // The machine's OPENBLAS_* overrides (kept for old OpenBLAS builds) slow PyTorch's CPU kernels: drop them for this run only.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'OPENBLAS_CORETYPE' && key !== 'OPENBLAS_L2_SIZE'));
  const run = spawnSync('/usr/bin/python3', [script, ...args, '--threads', String(threads)], { encoding: 'utf8', env });
  if (run.error) return { note: `PyTorch reference could not start (${run.error.message}); install Debian's python3-torch` };
  if (/No module named '?torch'?$/m.test(run.stderr)) return { note: "PyTorch twin skipped: /usr/bin/python3 cannot import torch; install Debian's python3-torch" };
  if (run.status !== 0) return { note: `PyTorch reference failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
  return { result: JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as T };
}

const best = (runs: readonly StepTiming[]) => runs.reduce((a, b) => (b.ms_per_step < a.ms_per_step ? b : a));

/**
 * Our step beside the PyTorch twin, each at every thread count given, in one run: the best
 * configuration of each and their ratio (ours / PyTorch; below 1 is faster). PyTorch's OpenMP
 * scales badly on small machines, so its best is often one thread; ours is data-parallel
 * replicas. Needs Debian's python3-torch; without it the line says so and ours still prints.
 */
export function compareWithTorch(ours: readonly StepTiming[], script: string, args: string[], torchThreads: readonly number[]): object {
  const oursBest = best(ours);
  const pytorch: (StepTiming & Record<string, unknown>)[] = [];
  for (const threads of torchThreads) {
    const run = runTorchJson<StepTiming & Record<string, unknown>>(script, args, threads);
    if ('note' in run) return { ours, ours_best: oursBest, pytorch: null, note: run.note };
    pytorch.push(run.result);
  }
  const torchBest = best(pytorch);
  return {
    ours,
    pytorch,
    ours_best: { threads: oursBest.threads, ms_per_step: oursBest.ms_per_step },
    pytorch_best: { threads: torchBest.threads, ms_per_step: torchBest.ms_per_step },
    ratio: Number((oursBest.ms_per_step / torchBest.ms_per_step).toFixed(2)),
  };
}
