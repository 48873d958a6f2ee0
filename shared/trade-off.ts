/**
 * The paper's trade-off (its Fig. 3): sample quality and reconstruction against
 * disentanglement, one point per run, from the run's stored eval.* metrics
 * (main/services/evaluation-metrics.ts). A run's generative output is stage 2's when stage 2
 * has trained (an MS-VAE), else stage 1's (a baseline, or an MS-VAE stopped in stage 1).
 */
export interface TradeOffPoint {
  readonly id: string;
  /** 'MS-VAE', 'β-TCVAE-L', ... or the run's own name. */
  readonly label: string;
  /** The MS-VAE run the others are baselines of: drawn apart. */
  readonly primary: boolean;
  /** FD (local features) of samples; lower is better. */
  readonly fd: number | null;
  /** Per-image BCE of reconstructions (nats); lower is better. */
  readonly recon: number | null;
  /** MIG against the known factors; null without them. */
  readonly mig: number | null;
  /** Factors with KL above the active threshold: the x axis where there are no known factors. */
  readonly activeFactors: number | null;
}

const value = (metrics: Readonly<Record<string, number>>, name: string): number | null => {
  const v = metrics[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function tradeOffPoint(id: string, label: string, primary: boolean, metrics: Readonly<Record<string, number>>): TradeOffPoint {
  return {
    id,
    label,
    primary,
    fd: value(metrics, 'eval.stage2.fd') ?? value(metrics, 'eval.stage1.fd'),
    recon: value(metrics, 'eval.stage2.recon_bce') ?? value(metrics, 'eval.stage1.recon_bce'),
    mig: value(metrics, 'eval.mig'),
    activeFactors: value(metrics, 'eval.active_factors'),
  };
}

/** MIG when every measured point has it (data with known factors), else KL-active factors. */
export function tradeOffAxis(points: readonly TradeOffPoint[]): 'mig' | 'activeFactors' {
  const measured = points.filter((p) => p.fd !== null);
  return measured.length > 0 && measured.every((p) => p.mig !== null) ? 'mig' : 'activeFactors';
}
