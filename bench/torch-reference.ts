import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the PyTorch reference benchmark lives: ../shared/reference beside the repository. */
export function torchReferencePath(): string {
  return path.resolve(process.cwd(), '..', 'shared', 'reference', 'torch_tcvae_bench.py');
}

/**
 * Runs the PyTorch reference with the same thread count, right after our own measurement,
 * and reports both and the ratio (ours / PyTorch). Needs Debian's python3-torch.
 */
export function compareWithTorch(ours: { ms_per_step: number; threads: number }, args: string[]): object {
  const script = torchReferencePath();
  if (!existsSync(script)) return { ours, pytorch: null, note: `reference not found at ${script}` };
  // The machine's OPENBLAS_* overrides (kept for old OpenBLAS builds) slow PyTorch's CPU kernels: drop them for this run only.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'OPENBLAS_CORETYPE' && key !== 'OPENBLAS_L2_SIZE'));
  const run = spawnSync('/usr/bin/python3', [script, ...args, '--threads', String(ours.threads)], { encoding: 'utf8', env });
  if (run.status !== 0) return { ours, pytorch: null, note: `PyTorch reference failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
  const pytorch = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { ms_per_step: number };
  return { ours, pytorch, ratio: Number((ours.ms_per_step / pytorch.ms_per_step).toFixed(2)) };
}
