/**
 * The HTML report's lead section: MS-VAE beside the Gaussian copula baseline and stage 1 alone,
 * the headline numbers and each column's shape score (report-html.ts places it).
 */
import type { HeadlineKey, ModelsSideBySide } from '../../../../shared/table-report';
import { escapeHtml as e } from './svg';

const names: Record<HeadlineKey, string> = {
  overall: 'Overall quality vs hold-out',
  column_shapes: 'Column shapes vs hold-out',
  column_pair_trends: 'Column pair trends vs hold-out',
  ml_efficacy_ratio: 'ML efficacy ratio',
  dcr_share_closer_to_training: 'DCR: share closer to training',
  exact_copies: 'Exact copies',
};

const NOT_TRAINED = 'not trained';

function show(v: number | null, count: boolean, missing = '\u2013'): string {
  if (v === null) return missing;
  return count ? String(v) : v.toFixed(3);
}

export function modelsSection(models: ModelsSideBySide): string {
  const copulaMissing = models.copula_trained ? '\u2013' : NOT_TRAINED;
  const rows = (Object.keys(names) as HeadlineKey[])
    .map((key) => {
      const v = models.headline[key];
      const count = key === 'exact_copies';
      const cls = v.beats_copula === null ? '' : v.beats_copula ? 'good' : 'bad';
      const margin = v.margin_over_copula === null ? '\u2013' : `${v.margin_over_copula > 0 ? '+' : ''}${count ? String(v.margin_over_copula) : v.margin_over_copula.toFixed(3)}`;
      const better = key === 'dcr_share_closer_to_training' ? 'lower is better, down to the expected share' : `${v.better} is better`;
      return `<tr><td>${e(names[key])}</td><td class="n">${show(v.ms_vae, count)}</td><td class="n">${e(show(v.copula, count, copulaMissing))}</td><td class="n">${show(v.stage1, count)}</td><td class="n ${cls}">${e(margin)}</td><td>${e(better)}</td></tr>`;
    })
    .join('');
  const shapes = models.column_shapes
    .map((c) => `<tr><td>${e(c.column)}</td><td class="n">${show(c.ms_vae, false)}</td><td class="n">${e(show(c.copula, false, copulaMissing))}</td><td class="n">${show(c.stage1, false)}</td></tr>`)
    .join('');
  return [
    `<p>${e(models.summary)}</p>`,
    `<table><thead><tr><th>Measure</th><th>MS-VAE</th><th>Gaussian copula</th><th>Stage 1 alone</th><th>MS-VAE \u2212 copula</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
    `<p class="sub">The Gaussian copula (SDV's default method: per-column marginals, here the empirical ones, and the correlation of their normal scores) is fitted on the same training rows and scored the same way, on the same number of samples.</p>`,
    `<h3>Column shapes vs hold-out</h3><table><thead><tr><th>Column</th><th>MS-VAE</th><th>Gaussian copula</th><th>Stage 1 alone</th></tr></thead><tbody>${shapes}</tbody></table>`,
  ].join('');
}
