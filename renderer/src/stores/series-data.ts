/**
 * A run's metric series as the stores keep them and the charts draw them. Named by
 * seriesName() (shared/progress.ts): 'stage1.recon', 'stage2.kl', 'eval.dcr'...
 */
import { seriesName } from '../../../shared/progress';

/** One loss term's points. */
export interface SeriesData {
  readonly steps: readonly number[];
  readonly values: readonly number[];
}

/** The phase a series belongs to: its name up to the first dot, as seriesName() joined them. */
export const phaseOfSeries = (name: string): string => name.split('.', 1)[0] ?? name;

/** Whether a series is one of the phase's terms ('stage1.recon' for 'stage1'). */
export const isSeriesOfPhase = (name: string, phase: string): boolean => name.startsWith(seriesName(phase, ''));
