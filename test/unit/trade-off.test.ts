import { describe, expect, it } from 'vitest';
import { tradeOffAxis, tradeOffPoint } from '../../shared/trade-off';
import { tradeOffLayout, tradeOffSvg } from '../../shared/trade-off-chart';
import { paperVerdict, type PaperRow } from '../../bench/paper-table';

const ms = tradeOffPoint('a', 'MS-VAE', true, { 'eval.stage1.fd': 40, 'eval.stage2.fd': 20, 'eval.stage1.recon_bce': 300, 'eval.stage2.recon_bce': 150, 'eval.mig': 0.3, 'eval.active_factors': 5 });
const large = tradeOffPoint('b', 'β-TCVAE-L', false, { 'eval.stage1.fd': 35, 'eval.stage1.recon_bce': 250, 'eval.mig': 0.2, 'eval.active_factors': 6 });

describe('the trade-off chart', () => {
  it('takes an MS-VAE run’s samples and reconstructions from stage 2 and a baseline’s from its one stage', () => {
    expect(ms).toMatchObject({ fd: 20, recon: 150, mig: 0.3, primary: true });
    expect(large).toMatchObject({ fd: 35, recon: 250, mig: 0.2, primary: false });
    expect(tradeOffPoint('c', 'new', false, {})).toMatchObject({ fd: null, recon: null, mig: null, activeFactors: null });
  });

  it('plots against MIG with known factors and against the KL-active factors without', () => {
    expect(tradeOffAxis([ms, large])).toBe('mig');
    const unlabelled = [ms, large].map((p) => ({ ...p, mig: null }));
    expect(tradeOffAxis(unlabelled)).toBe('activeFactors');
  });

  it('places higher MIG right and lower FD down, leaves out unmeasured runs, and reads every run out in its description', () => {
    const pending = tradeOffPoint('c', 'Big-VAE', false, {});
    const layout = tradeOffLayout([ms, large, pending], 'mig', 'fd');
    expect(layout.marks.map((m) => m.label)).toEqual(['MS-VAE', 'β-TCVAE-L']);
    const [a, b] = layout.marks;
    expect(a!.cx).toBeGreaterThan(b!.cx);
    expect(a!.cy).toBeGreaterThan(b!.cy); // SVG y grows downwards: lower FD sits lower
    for (const m of layout.marks) {
      expect(m.cx).toBeGreaterThan(layout.plot.left);
      expect(m.cx).toBeLessThan(layout.plot.right);
    }
    expect(layout.desc).toBe('One point per run. MS-VAE: MIG 0.30, FD 20.0; β-TCVAE-L: MIG 0.20, FD 35.0; Big-VAE: not measured yet.');
    const svg = tradeOffSvg(layout);
    expect(svg).toMatch(/<title id="trade-off-title">Sample FD against MIG<\/title>/);
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg.match(/<rect [^>]*fill="#c2410c"/g)).toHaveLength(1);
  });
});

describe('the paper bench’s verdict', () => {
  const row = (variant: PaperRow['variant'], mig: number, fd: number): PaperRow => ({ model: variant, variant, params: 1, steps: 10, train_seconds: 1, fd_local: fd, mig, sap: null, recon_bce: 1, active_factors: 1 });
  it('holds when the MS-VAE is at least as disentangled as beta-TCVAE-L with a lower FD, and says by how much when not', () => {
    expect(paperVerdict([row('ms-vae', 0.3, 20), row('beta-tcvae-l', 0.2, 30)]).holds).toBe(true);
    const not = paperVerdict([row('ms-vae', 0.1, 40), row('beta-tcvae-l', 0.2, 30)]);
    expect(not.holds).toBe(false);
    expect(not.note).toMatch(/MIG 0\.100 vs 0\.200 \(0\.100 lower\); FD 40\.00 vs 30\.00 \(10\.00 higher\)/);
  });
});
