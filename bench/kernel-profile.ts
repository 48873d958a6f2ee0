import type * as tf from '@tensorflow/tfjs-core';

type KernelInfo = Awaited<ReturnType<typeof tf.profile>>['kernels'][number];

/** A profiled call's kernels grouped by name: calls and total ms, the slowest `top` first (the benches' --profile). */
export function kernelProfile(kernels: readonly KernelInfo[], top = 12): { name: string; calls: number; ms: number }[] {
  const byName = new Map<string, { calls: number; ms: number }>();
  for (const k of kernels) {
    const entry = byName.get(k.name) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    byName.set(k.name, entry);
  }
  return [...byName].map(([name, v]) => ({ name, calls: v.calls, ms: Number(v.ms.toFixed(2)) })).sort((a, b) => b.ms - a.ms).slice(0, top);
}
