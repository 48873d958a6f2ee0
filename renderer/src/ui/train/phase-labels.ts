/**
 * What the training screens call each phase. Keyed by TrainingPhase, so a new training phase
 * (shared/progress.ts) does not compile until it has its words, its chart and its notes.
 */
import type { TrainingPhase } from '../../../../shared/progress';

/** The short name, for sentences: "Stage 1 stopped early at step 300". */
export const stageNames: Readonly<Record<TrainingPhase, string>> = { stage1: 'Stage 1', stage2: 'Stage 2' };

/** The caption of each stage's loss chart, in the order the charts are shown. */
export const stageChartCaptions: Readonly<Record<TrainingPhase, string>> = {
  stage1: 'Stage 1 loss terms (recon, KL, TC)',
  stage2: 'Stage 2 loss terms',
};

/** What the dashboard says a running job is doing; a phase without words here is shown as it is named. */
export const phaseLabels: Readonly<Record<string, string>> = {
  scan: 'Reading the data',
  stage1: 'Stage 1: learning the factors',
  stage2: 'Stage 2: learning the detail',
};
