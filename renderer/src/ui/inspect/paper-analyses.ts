/**
 * The paper's two analyses read back from a run's stored eval.* metrics
 * (main/services/evaluation-metrics.ts): eval.interp.<label>.<chance|c|z|cz> and
 * eval.stage2_mi.<factor>.<m1..m4>. Pure, so the panel only draws.
 */

export interface LabelAccuracy {
  readonly name: string;
  readonly chance: number | null;
  readonly c: number | null;
  readonly z: number | null;
  readonly cz: number | null;
}

export interface FactorMi {
  readonly factor: string;
  /** M1..M4 in order; null where not measured. */
  readonly values: readonly [number | null, number | null, number | null, number | null];
}

export const MI_KEYS = ['m1', 'm2', 'm3', 'm4'] as const;

/** "eval.<prefix>.<name>.<key>" -> (name, key); the name may itself hold dots. */
function grouped(metrics: Readonly<Record<string, number>>, prefix: string): Map<string, Map<string, number>> {
  const groups = new Map<string, Map<string, number>>();
  const head = `eval.${prefix}.`;
  for (const [metric, value] of Object.entries(metrics)) {
    if (!metric.startsWith(head)) continue;
    const rest = metric.slice(head.length);
    const dot = rest.lastIndexOf('.');
    if (dot <= 0) continue;
    const name = rest.slice(0, dot);
    const group = groups.get(name) ?? new Map<string, number>();
    group.set(rest.slice(dot + 1), value);
    groups.set(name, group);
  }
  return groups;
}

/** One row per label, by name: the store gives metrics back in its own order, not the dataset's. */
export function labelAccuracies(metrics: Readonly<Record<string, number>>): LabelAccuracy[] {
  return [...grouped(metrics, 'interp')]
    .map(([name, g]) => ({ name, chance: g.get('chance') ?? null, c: g.get('c') ?? null, z: g.get('z') ?? null, cz: g.get('cz') ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One entry per factor, by code index (c2 before c10). */
export function factorMis(metrics: Readonly<Record<string, number>>): FactorMi[] {
  const index = (f: string) => Number(/\d+$/.exec(f)?.[0] ?? Infinity);
  return [...grouped(metrics, 'stage2_mi')]
    .map(([factor, g]) => ({ factor, values: MI_KEYS.map((k) => g.get(k) ?? null) as unknown as FactorMi['values'] }))
    .sort((a, b) => index(a.factor) - index(b.factor) || a.factor.localeCompare(b.factor));
}

/** Whether a stored metric belongs to these analyses (the metrics table leaves them to this panel). */
export const isAnalysisMetric = (name: string): boolean => name.startsWith('eval.interp.') || name.startsWith('eval.stage2_mi.');
