/**
 * The one progress shape, from the engine's training loop through the compute process and
 * the services to the dashboard's charts; the phase names and the metric series naming with it.
 */

/** The phases a job reports. Training: 'stage1', 'stage2'; the rest are the non-training work of a job. */
export type TrainingPhase = 'stage1' | 'stage2';
export type Phase = TrainingPhase | 'scan' | 'evaluate' | 'generate' | 'report' | 'package' | (string & {});

export interface Progress {
  /** What the job is doing now; absent for single-phase jobs (the backend check). */
  readonly phase?: Phase;
  readonly step: number;
  /** 0 when the total is not known yet (a table being scanned). */
  readonly totalSteps: number;
  /** Loss terms by name, e.g. { loss: 0.12 } or { recon: .., kl: .., tc: .. }; empty outside training. */
  readonly losses: Readonly<Record<string, number>>;
  readonly stepsPerSec: number;
  /** Seconds left at the current speed; null before the speed is known. */
  readonly etaSec: number | null;
}

/** Progress of work that is not training: how far along, without loss terms or a speed. */
export function phaseProgress(phase: Phase, step: number, totalSteps: number): Progress {
  return { phase, step, totalSteps, losses: {}, stepsPerSec: 0, etaSec: null };
}

/** True for the phases whose progress carries loss terms worth charting. */
export function isTrainingPhase(phase: string | undefined): phase is TrainingPhase {
  return phase !== undefined && phase.startsWith('stage');
}

/** A loss term's series name: stage 1 and stage 2 both report 'recon' and 'kl', so the phase keeps them apart. */
export function seriesName(phase: string | undefined, term: string): string {
  return phase ? `${phase}.${term}` : term;
}
