/**
 * Plain-words names and one-line explanations of the stored 'eval.*' metrics, and which way
 * is better. Pure data, shared by the metrics panel and the run comparison.
 */
export interface MetricExplanation {
  readonly label: string;
  readonly explain: string;
  readonly better: 'higher' | 'lower';
}

const stageWords = { stage1: 'Stage 1', stage2: 'Stage 2' } as const;

const recon: Record<string, Omit<MetricExplanation, 'label'> & { readonly short: string }> = {
  recon_bce: { short: 'reconstruction error (BCE)', explain: 'How far rebuilt images are from the originals, summed over pixels.', better: 'lower' },
  mse: { short: 'mean squared error', explain: 'Average squared pixel difference between an image and its rebuild.', better: 'lower' },
  psnr: { short: 'PSNR (dB)', explain: 'Signal-to-noise of the rebuild: above ~20 dB looks close.', better: 'higher' },
  ssim: { short: 'SSIM', explain: 'Structural similarity of rebuild and original, 1 = identical.', better: 'higher' },
  fd: { short: 'FD (sample quality)', explain: 'Distance between features of real images and of samples; not FID, compare within this app.', better: 'lower' },
  kid: { short: 'KID (sample quality)', explain: 'Kernel distance between real and sampled image features; near 0 = alike.', better: 'lower' },
};

const fixed: Record<string, MetricExplanation> = {
  'eval.mig': { label: 'MIG', explain: 'Disentanglement against the known factors: each true factor captured by one code alone (0–1).', better: 'higher' },
  'eval.sap': { label: 'SAP', explain: 'Disentanglement: how much better the best code predicts each true factor than the second best (0–1).', better: 'higher' },
  'eval.preservation.encoder_z': { label: 'Factor preservation', explain: 'Stage 2 keeps the stage-1 factors of an image (mutual information, 1 = fully kept).', better: 'higher' },
  'eval.preservation.random_z': { label: 'Preservation, random detail', explain: 'Factors kept when stage 2 adds random detail instead of the image’s own.', better: 'higher' },
  'eval.preservation.shuffled_y': { label: 'Preservation, swapped factors', explain: 'Factors follow stage 1 when another image’s factors are given.', better: 'higher' },
  'eval.active_factors': { label: 'Active factors', explain: 'Factors whose KL is above 0.01 nats: the ones the model actually uses.', better: 'higher' },
  'eval.overall': { label: 'Overall quality', explain: 'Mean of column shapes and column-pair trends of synthetic vs real rows (0–1).', better: 'higher' },
  'eval.column_shapes': { label: 'Column shapes', explain: 'How well each column’s distribution matches the real one (0–1).', better: 'higher' },
  'eval.column_pair_trends': { label: 'Column-pair trends', explain: 'How well relations between pairs of columns are kept (0–1).', better: 'higher' },
  'eval.ml_efficacy_ratio': { label: 'ML efficacy', explain: 'A model trained on synthetic rows scores this fraction of one trained on real rows (mean over 5 synthetic samples).', better: 'higher' },
  'eval.dcr_share_closer_to_training': { label: 'Closer to training rows', explain: 'Share of synthetic rows nearer a training row than a held-out one (mean over synthetic samples); far above 50% hints at copying.', better: 'lower' },
  'eval.exact_copies': { label: 'Exact copies', explain: 'Synthetic rows identical to a training row (rows whose numbers are all missing name only categories and are not counted).', better: 'lower' },
  'eval.stage1.overall': { label: 'Stage 1 overall quality', explain: 'The same overall score for stage 1 alone, to see what stage 2 adds.', better: 'higher' },
};

/** The explanation of a stored metric name, or null for names without one (loss terms, speed). */
export function explainMetric(name: string): MetricExplanation | null {
  const known = fixed[name];
  if (known) return known;
  const match = /^eval\.(stage[12])\.(\w+)$/.exec(name);
  const term = match ? recon[match[2]!] : undefined;
  if (!match || !term) return null;
  return { label: `${stageWords[match[1] as 'stage1' | 'stage2']} ${term.short}`, explain: term.explain, better: term.better };
}

/** Metric names in display order: explained ones first, in the order above. */
export const metricOrder = (names: readonly string[]): string[] => {
  const rank = (n: string) => {
    const keys = Object.keys(fixed);
    const i = keys.indexOf(n);
    if (i >= 0) return i;
    return n.startsWith('eval.stage') ? -1 : 1000;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
};
