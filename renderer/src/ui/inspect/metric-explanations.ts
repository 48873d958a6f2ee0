/**
 * Plain-words names and one-line explanations of the stored 'eval.*' metrics, and which way
 * is better. Pure data, shared by the metrics panel and the run comparison.
 */
export interface MetricExplanation {
  readonly label: string;
  readonly explain: string;
  /** Which way is better; 'half': about 50% is best; null: a reference or a count, not a score. */
  readonly better: 'higher' | 'lower' | 'half' | null;
}

/** "higher is better" and the like, for the panel and the comparison; null when no way is better. */
export function betterText(better: MetricExplanation['better']): string | null {
  switch (better) {
    case 'higher':
      return 'higher is better';
    case 'lower':
      return 'lower is better';
    case 'half':
      return 'about 50% is best';
    default:
      return null;
  }
}

const stageWords = { stage1: 'Stage 1', stage2: 'Stage 2', stage2_mean_y: 'Stage 2 (mean y)' } as const;
type StageKey = keyof typeof stageWords;

const recon: Record<string, Omit<MetricExplanation, 'label'> & { readonly short: string }> = {
  recon_bce: { short: 'reconstruction error (BCE)', explain: 'How far rebuilt images are from the originals, summed over pixels.', better: 'lower' },
  mse: { short: 'mean squared error', explain: 'Average squared pixel difference between an image and its rebuild.', better: 'lower' },
  psnr: { short: 'PSNR (dB)', explain: 'Signal-to-noise of the rebuild: above ~20 dB looks close.', better: 'higher' },
  ssim: { short: 'SSIM', explain: 'Structural similarity of rebuild and original, 1 = identical.', better: 'higher' },
  fd: { short: 'FD (sample quality)', explain: 'Distance between features of real images and of samples; not FID, compare within this app.', better: 'lower' },
  kid: { short: 'KID (sample quality)', explain: 'Kernel distance between real and sampled image features; near 0 = alike.', better: 'lower' },
};

// What each stage's numbers are of: stage 2 is measured twice, with y made as in training and as sampling makes it.
const stageNotes: Record<StageKey, string> = {
  stage1: '',
  stage2: '',
  stage2_mean_y: ' Here stage 2 gets stage 1’s image of the mean code, as samples and the inspector do.',
};

// Preservation (main/engine/image/evaluate-scores.ts): normalised MI between the stage-1 code of an image and the code read back from a stage-2 output, over the active factors.
const fixed: Record<string, MetricExplanation> = {
  'eval.mig': { label: 'MIG', explain: 'Disentanglement against the known factors: each true factor captured by one code alone (0–1).', better: 'higher' },
  'eval.sap': { label: 'SAP', explain: 'Disentanglement: how much better the best code predicts each true factor than the second best (0–1).', better: 'higher' },
  'eval.preservation.encoder_z': {
    label: 'Factor preservation',
    explain: 'Stage 2 keeps an image’s factors: the factors read back from its stage-2 rebuild match the image’s own (mutual information, 1 = fully kept).',
    better: 'higher',
  },
  'eval.preservation.random_z': {
    label: 'Preservation, random detail',
    explain: 'The same with random detail in place of the image’s own: the factors read back should still be the image’s.',
    better: 'higher',
  },
  'eval.preservation.shuffled_y': {
    label: 'Preservation, swapped factors',
    explain: 'Stage 2 given another image’s stage-1 output: the factors read back should be that other image’s (mutual information with them, 1 = they follow it).',
    better: 'higher',
  },
  'eval.preservation.chance': {
    label: 'Preservation, chance level',
    explain: 'What the preservation scores read when nothing is kept (the same measure between unrelated images); they mean something only well above it.',
    better: null,
  },
  'eval.active_factors': {
    label: 'Active factors',
    explain: 'Factors whose KL is above 0.1 nats or 5% of the most used factor’s, whichever is more: the ones the model uses. Compare with the data’s true factors (dSprites: 5).',
    better: null,
  },
  'eval.samples': { label: 'Images evaluated', explain: 'How many images the image metrics were computed on.', better: null },
  'eval.split.holdout': { label: 'Hold-out size', explain: 'Images set aside before training and never trained on; the metrics are on these.', better: null },
  'eval.split.test': { label: 'Test split size', explain: 'The dataset’s own test images, never trained on; the metrics are on these.', better: null },
  'eval.split.full-grid': { label: 'Factor grid size', explain: 'dSprites’ full grid of factor combinations, which training also draws from (standard for it).', better: null },
  'eval.split.training': { label: 'Evaluated on training images', explain: 'A run from before hold-out splits: its metrics are on images it trained on, which flatters it.', better: null },
  'eval.overall': { label: 'Overall quality', explain: 'Mean of column shapes and column-pair trends of synthetic rows against held-out real rows that training never saw (0–1).', better: 'higher' },
  'eval.column_shapes': { label: 'Column shapes', explain: 'How well each column’s distribution matches the held-out real rows (0–1).', better: 'higher' },
  'eval.column_pair_trends': { label: 'Column-pair trends', explain: 'How well relations between pairs of columns match the held-out real rows (0–1).', better: 'higher' },
  'eval.overall_vs_training': {
    label: 'Overall quality vs training rows',
    explain: 'The same score against the rows the model trained on: context, not a goal; far above the held-out score hints at copying.',
    better: null,
  },
  'eval.column_shapes_vs_training': { label: 'Column shapes vs training rows', explain: 'Column shapes against the training rows, beside the held-out score.', better: null },
  'eval.column_pair_trends_vs_training': { label: 'Column-pair trends vs training rows', explain: 'Column-pair trends against the training rows, beside the held-out score.', better: null },
  'eval.ml_efficacy_ratio': { label: 'ML efficacy', explain: 'A model trained on synthetic rows scores this fraction of one trained on real rows (mean over 5 synthetic samples).', better: 'higher' },
  'eval.dcr_share_closer_to_training': {
    label: 'Closer to training rows',
    explain: 'Share of synthetic rows nearer a training row than a held-out one (mean over synthetic samples); about 50% is what unseen real rows give, far above it hints at copying.',
    better: 'half',
  },
  'eval.exact_copies': { label: 'Exact copies', explain: 'Synthetic rows identical to a training row (rows whose numbers are all missing name only categories and are not counted).', better: 'lower' },
  'eval.stage1.overall': { label: 'Stage 1 overall quality', explain: 'The same overall score for stage 1 alone, to see what stage 2 adds.', better: 'higher' },
  'eval.baseline.fit_seconds': { label: 'Gaussian copula fit time (s)', explain: 'Seconds the baseline took to fit on the training rows.', better: null },
};

/** The tabular headline numbers stored for each model (eval.<name>, eval.stage1.<name>, eval.baseline.<name>), in display order. */
export const TABLE_HEADLINE = ['overall', 'column_shapes', 'column_pair_trends', 'ml_efficacy_ratio', 'dcr_share_closer_to_training', 'exact_copies'] as const;

// Stage 1's and the copula's headline numbers mean what MS-VAE's do, for another model.
const tableModels = {
  stage1: { label: 'Stage 1', explain: 'For stage 1 alone, to see what stage 2 adds.' },
  baseline: { label: 'Gaussian copula', explain: 'For the Gaussian copula baseline (SDV’s default method, with empirical marginals), fitted on the same training rows.' },
} as const;

function tableModelMetric(name: string): MetricExplanation | null {
  const match = /^eval\.(stage1|baseline)\.(\w+)$/.exec(name);
  if (!match || !(TABLE_HEADLINE as readonly string[]).includes(match[2]!)) return null;
  const own = fixed[`eval.${match[2]!}`]!;
  const model = tableModels[match[1] as keyof typeof tableModels];
  // "Overall quality" reads "Gaussian copula overall quality"; an acronym ("ML efficacy") keeps its case.
  const label = /^[A-Z][a-z]/.test(own.label) ? `${own.label.charAt(0).toLowerCase()}${own.label.slice(1)}` : own.label;
  return { label: `${model.label} ${label}`, explain: `${own.explain} ${model.explain}`, better: own.better };
}

/**
 * The paper's analyses (main/engine/image/metrics/interpretability.ts and stage2-mi.ts), one
 * line each, for the Factors tab's table and bars and for these metrics in the run comparison.
 */
export const analysisText = {
  c: { short: 'from C', explain: 'Accuracy of a small classifier predicting the label from the factors C alone, on held-out images it did not fit on. High: the factors carry this label.', better: 'higher' },
  z: { short: 'from Z', explain: 'The same from stage 2’s detail code Z alone. Near chance is what the method intends: the meaning lives in C.', better: null },
  cz: { short: 'from C+Z', explain: 'The same from C and Z together; at or above C alone, what Z adds is detail C lacked.', better: 'higher' },
  chance: { short: 'chance', explain: 'Accuracy of always answering the most common class: a score means something only above it.', better: null },
  m1: { short: 'M1 stage-1 rebuild', explain: 'Factor read back from stage 1’s rebuild against the image’s own (normalised MI, 1 = kept): the most stage 2 can keep.', better: 'higher' },
  m2: { short: 'M2 stage-2 rebuild', explain: 'The same from stage 2’s rebuild: near M1 means stage 2 keeps the factor.', better: 'higher' },
  m3: { short: 'M3 random detail', explain: 'Stage 2 with the image’s stage-1 output but random detail Z: still high means the factor does not depend on Z.', better: 'higher' },
  m4: { short: 'M4 another image’s Y', explain: 'Stage 2 with another image’s stage-1 output and this image’s Z: low means Z holds no copy of the factor.', better: 'lower' },
} as const satisfies Record<string, Omit<MetricExplanation, 'label'> & { readonly short: string }>;

/** The explanation of a stored metric name, or null for names without one (loss terms, speed). */
export function explainMetric(name: string): MetricExplanation | null {
  const known = fixed[name] ?? tableModelMetric(name);
  if (known) return known;
  const analysis = /^eval\.(interp|stage2_mi)\.(.+)\.(chance|cz|c|z|m[1-4])$/.exec(name);
  if (analysis) {
    const text = analysisText[analysis[3] as keyof typeof analysisText];
    const label = analysis[1] === 'interp' ? `${analysis[2]} ${text.short} (accuracy)` : `${analysis[2]} kept, ${text.short}`;
    return { label, explain: text.explain, better: text.better };
  }
  const match = /^eval\.(stage1|stage2|stage2_mean_y)\.(\w+)$/.exec(name);
  const term = match ? recon[match[2]!] : undefined;
  if (!match || !term) return null;
  const stage = match[1] as StageKey;
  return { label: `${stageWords[stage]} ${term.short}`, explain: `${term.explain}${stageNotes[stage]}`, better: term.better };
}

/** Metric names in display order: explained ones first, in the order above. */
export const metricOrder = (names: readonly string[]): string[] => {
  const rank = (n: string) => {
    const keys = Object.keys(fixed);
    // Stage 1's and the copula's number right under MS-VAE's, so the three read side by side.
    const model = tableModelMetric(n) ? /^eval\.(stage1|baseline)\.(\w+)$/.exec(n) : null;
    if (model) return keys.indexOf(`eval.${model[2]!}`) + (model[1] === 'baseline' ? 0.1 : 0.2);
    const i = keys.indexOf(n);
    if (i >= 0) return i;
    return n.startsWith('eval.stage') ? -1 : 1000;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
};
