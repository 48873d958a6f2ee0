import { seriesName } from '../../../../shared/progress';
import { stageNames } from './phase-labels';

/** Early stopping's marks among a run's metrics (tables): they are steps, not loss terms. */
export function isEarlyStopMark(name: string): boolean {
  return name.endsWith('.stopped_early_at') || name.endsWith('.best_step');
}

/** One sentence per stage that stopped early, from the last value of its marks. */
export function earlyStopNotes(series: Readonly<Record<string, { readonly values: readonly number[] }>>): string[] {
  return Object.entries(stageNames).flatMap(([stage, name]) => {
    const at = series[seriesName(stage, 'stopped_early_at')]?.values.at(-1);
    const best = series[seriesName(stage, 'best_step')]?.values.at(-1);
    if (at === undefined) return [];
    const since = best === undefined ? '' : ` since step ${best}, whose weights were kept`;
    return [`${name} stopped early at step ${at}: its loss on the rows set aside for checking had not improved${since}.`];
  });
}
