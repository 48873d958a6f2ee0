import type { ImageModelVariant } from '../shared/image-config';
import type { InterpretabilityScores, Stage2MiScores } from '../shared/image-evaluation';

/** The paper bench's rows and what it prints from them (bench/paper.ts trains and evaluates). */

/** The evaluate report's paper analyses (interpretability.ts, stage2-mi.ts), copied into each row. */
export type Interpretability = InterpretabilityScores;
export type Stage2Mi = Stage2MiScores;

export interface PaperRow {
  readonly model: string;
  readonly variant: ImageModelVariant;
  readonly params: number;
  readonly steps: number;
  readonly train_seconds: number;
  /** The model's samples: stage 2's for the MS-VAE, the one stage's for a baseline. */
  readonly fd_local: number | null;
  readonly mig: number | null;
  readonly sap: number | null;
  readonly recon_bce: number | null;
  readonly active_factors: number;
  readonly interpretability?: Interpretability;
  readonly stage2_mi?: Stage2Mi;
}

const cell = (v: number | null | undefined, digits = 3) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));

/** The rows as the paper's Fig. 3 in a plain-text table, then the C/Z/C+Z accuracies and M1-M4 where the report has them. */
export function paperTable(rows: readonly PaperRow[]): string {
  const lines = ['model        params     steps  FD local     MIG    recon BCE', ...rows.map((r) =>
    `${r.model.padEnd(12)} ${String(r.params).padStart(9)} ${String(r.steps).padStart(7)} ${cell(r.fd_local, 2).padStart(9)} ${cell(r.mig).padStart(7)} ${cell(r.recon_bce, 1).padStart(12)}`)];
  for (const r of rows) {
    if (r.interpretability) {
      lines.push('', `${r.model}: label accuracy from C / Z / C+Z (chance), n ${r.interpretability.n}`);
      for (const l of r.interpretability.labels) lines.push(`  ${l.name.padEnd(12)} ${cell(l.c)} / ${cell(l.z)} / ${cell(l.cz)} (${cell(l.chance)})`);
    }
    if (r.stage2_mi) {
      lines.push('', `${r.model}: stage 2 keeps the factors, M1-M4 per factor, n ${r.stage2_mi.n}`);
      for (const f of r.stage2_mi.perFactor) lines.push(`  ${String(f.factor).padEnd(12)} ${cell(f.m1)} ${cell(f.m2)} ${cell(f.m3)} ${cell(f.m4)}`);
    }
  }
  return lines.join('\n');
}

/** Issue 19's check: the MS-VAE at least as disentangled as beta-TCVAE-L with a lower FD, or by how much it is not. */
export function paperVerdict(rows: readonly PaperRow[]): { readonly holds: boolean | null; readonly note: string } {
  const ms = rows.find((r) => r.variant === 'ms-vae');
  const large = rows.find((r) => r.variant === 'beta-tcvae-l');
  if (!ms || !large || ms.mig === null || large.mig === null || ms.fd_local === null || large.fd_local === null) {
    return { holds: null, note: 'MIG or FD is missing for MS-VAE or beta-TCVAE-L: nothing to compare.' };
  }
  const migGap = ms.mig - large.mig;
  const fdGap = ms.fd_local - large.fd_local;
  const holds = migGap >= 0 && fdGap < 0;
  const says = [
    `MIG ${cell(ms.mig)} vs ${cell(large.mig)} (${migGap >= 0 ? 'at least as disentangled' : `${cell(-migGap)} lower`})`,
    `FD ${cell(ms.fd_local, 2)} vs ${cell(large.fd_local, 2)} (${fdGap < 0 ? `${cell(-fdGap, 2)} lower` : `${cell(fdGap, 2)} higher`})`,
  ];
  return { holds, note: `MS-VAE against beta-TCVAE-L at ${ms.steps} steps each: ${says.join('; ')}.` };
}

