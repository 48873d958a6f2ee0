/**
 * The quality report as ONE self-contained HTML file: inline CSS, inline SVG charts (svg.ts), no
 * scripts and no external URLs, readable at 1024 px. Every user string (column names,
 * categories, the title) is escaped.
 */
import type { ModelsSideBySide } from '../../../../shared/table-report';
import type { ColumnSchema, Table, TableSchema } from '../../../../shared/tabular-schema';
import { categoryBars, numericHistogram } from './chart-data';
import { correlationMatrix } from './column-pairs';
import { featureTable, isNumericType, type FeatureTable } from './common';
import { modelsSection } from './models-html';
import { compareStages, type QualityReport } from './report';
import { escapeHtml, groupedBars, heatmap, REAL_COLOUR, scoreBar, SYNTHETIC_COLOUR } from './svg';

export interface RenderReportOptions {
  readonly title: string;
  /** The real training rows and the synthetic rows the report was built from (for the charts; the scores shown are the report's). */
  readonly real: Table;
  readonly synthetic: Table;
  readonly schema: TableSchema;
  /** The stage-1 report, to show the stage 1 vs stage 2 comparison. */
  readonly stage1?: QualityReport;
  /** MS-VAE beside the Gaussian copula baseline and stage 1, shown first. */
  readonly models?: ModelsSideBySide;
}

/** At most this many numeric columns in each correlation heatmap, and rows in the pair table. */
const HEATMAP_COLUMNS = 25;
const PAIR_ROWS = 100;

const e = escapeHtml;

function pct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || Number.isNaN(v) ? '\u2013' : `${(v * 100).toFixed(digits)}%`;
}

function fixed(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || Number.isNaN(v) ? '\u2013' : v.toFixed(digits);
}

function signed(v: number | null, digits = 3): string {
  if (v === null) return '\u2013';
  return `${v > 0 ? '+' : ''}${v.toFixed(digits)}`;
}

function axisValue(v: number, col: ColumnSchema): string {
  if (col.type === 'datetime') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? String(v) : d.toISOString().slice(0, 10);
  }
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

const CSS = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#222;margin:0;background:#f6f7f9}
main{max-width:1000px;margin:0 auto;padding:20px 12px 40px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:14px;margin:0 0 4px;word-break:break-word}
.sub{color:#666;font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.card{background:#fff;border:1px solid #e2e4e8;border-radius:6px;padding:10px 12px}
.card .v{font-size:24px;font-weight:600}
.card .k{font-size:12px;color:#555}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:12px}
.panel{background:#fff;border:1px solid #e2e4e8;border-radius:6px;padding:10px 12px;overflow:hidden}
.side{display:grid;grid-template-columns:1fr 1fr;gap:12px}
svg.chart{width:100%;height:auto;display:block}
svg.heat{max-width:100%;height:auto;display:block}
svg.bar{vertical-align:middle}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
th,td{border:1px solid #e2e4e8;padding:4px 6px;text-align:left;vertical-align:top;word-break:break-word}
th{background:#f0f2f5;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;vertical-align:middle}
.good{color:#2e7d4f}.bad{color:#b03a2e}
ul.notes{font-size:12px;color:#444;padding-left:18px}
`;

function headlineCards(report: QualityReport): string {
  const h = report.headline;
  const q = report.vs_holdout;
  const ml = report.ml_efficacy;
  const dcr = report.privacy;
  const card = (value: string, key: string, sub = ''): string =>
    `<div class="card"><div class="v">${e(value)}</div><div class="k">${e(key)}</div>${sub ? `<div class="sub">${e(sub)}</div>` : ''}</div>`;
  return `<div class="cards">${[
    card(pct(h.overall), 'Overall quality vs hold-out', `mean of shapes and pair trends; vs training rows ${pct(h.overall_vs_training)}`),
    card(pct(h.column_shapes), 'Column shapes vs hold-out', `${q.column_shapes.details.length} columns; vs training ${pct(h.column_shapes_vs_training)}`),
    card(pct(h.column_pair_trends), 'Column pair trends vs hold-out', `${q.column_pair_trends.details.length} pairs${q.column_pair_trends.sampled ? ' (sampled)' : ''}; vs training ${pct(h.column_pair_trends_vs_training)}`),
    card(fixed(h.ml_efficacy_ratio, 2), 'ML efficacy ratio', ml.status === 'ok' ? `${ml.metric === 'macro_f1' ? 'macro-F1' : 'R\u00b2'} on "${ml.target}"` : 'skipped'),
    card(pct(h.dcr_share_closer_to_training), 'DCR: closer to training', dcr.status === 'ok' ? `expected ${pct(dcr.share_expected)} without memorisation` : 'skipped'),
    card(h.exact_copies === null ? '\u2013' : String(h.exact_copies), 'Exact copies of training rows'),
  ].join('')}</div>`;
}

function legend(): string {
  return `<div class="legend sub"><span style="background:${REAL_COLOUR}"></span>real (training rows)<span style="background:${SYNTHETIC_COLOUR}"></span>synthetic</div>`;
}

function columnPanels(report: QualityReport, real: FeatureTable, synthetic: FeatureTable): string {
  const panels = real.columns.map((col, j) => {
    const shape = report.vs_holdout.column_shapes.details.find((d) => d.column === col.name);
    const cov = report.vs_holdout.coverage.details.find((d) => d.column === col.name);
    let chart: string;
    let foot = '';
    if (isNumericType(col.type)) {
      const h = numericHistogram(real, synthetic, j);
      const lo = h.edges[0]!;
      const hi = h.edges[h.edges.length - 1]!;
      chart = groupedBars({
        labels: h.real.map((_, k) => `${axisValue(h.edges[k]!, col)} \u2013 ${axisValue(h.edges[k + 1]!, col)}`),
        real: h.real,
        synthetic: h.synthetic,
        xAxis: { left: axisValue(lo, col), middle: axisValue((lo + hi) / 2, col), right: axisValue(hi, col) },
        ariaLabel: `Histogram of ${col.name}`,
      });
      if (h.synthetic_outside > 0) foot = `${h.synthetic_outside} synthetic values outside the real range are counted in the edge bins.`;
    } else {
      const b = categoryBars(real, synthetic, j);
      chart = groupedBars({ labels: b.labels, real: b.real, synthetic: b.synthetic, xAxis: 'all', ariaLabel: `Category frequencies of ${col.name}` });
      if (b.omitted > 0) foot = `${b.omitted} more categories not shown.`;
    }
    const stats = [
      shape ? `${shape.metric} ${fixed(shape.score)} vs hold-out` : 'shape incomputable',
      cov ? `${cov.metric} ${fixed(cov.score)}` : '',
      shape ? `missing ${pct(shape.missing_rate_real)} hold-out / ${pct(shape.missing_rate_synthetic)} synthetic` : '',
    ].filter(Boolean);
    return `<div class="panel"><h3>${e(col.name)} <span class="sub">${e(col.type)}</span></h3><div class="sub">${e(stats.join(' \u00b7 '))}</div>${chart}${foot ? `<div class="sub">${e(foot)}</div>` : ''}</div>`;
  });
  return `${legend()}<div class="grid">${panels.join('')}</div>`;
}

function correlationSection(real: FeatureTable, synthetic: FeatureTable): string {
  const numeric = real.columns.map((c, j) => (isNumericType(c.type) ? j : -1)).filter((j) => j >= 0);
  if (numeric.length < 2) return '<p class="sub">Fewer than two numeric columns: no correlation matrix.</p>';
  const shown = numeric.slice(0, HEATMAP_COLUMNS);
  const labels = shown.map((j) => real.columns[j]!.name);
  const note = numeric.length > shown.length ? `<p class="sub">The first ${shown.length} of ${numeric.length} numeric columns are shown.</p>` : '';
  return `${note}<div class="side"><div class="panel"><h3>Real (Pearson r)</h3>${heatmap({ labels, matrix: correlationMatrix(real, shown), ariaLabel: 'Real correlation matrix' })}</div><div class="panel"><h3>Synthetic (Pearson r)</h3>${heatmap({ labels, matrix: correlationMatrix(synthetic, shown), ariaLabel: 'Synthetic correlation matrix' })}</div></div><p class="sub">Blue: negative, red: positive, grey: undefined (constant column).</p>`;
}

function pairTable(report: QualityReport): string {
  const p = report.vs_holdout.column_pair_trends;
  const left = p.incomputable.length ? `<p class="sub">Left out (incomputable): ${p.incomputable.map((d) => `${e(d.column_1)} × ${e(d.column_2)}: ${e(d.reason)}`).join('; ')}.</p>` : '';
  if (p.details.length === 0) return `<p class="sub">No scored pairs.</p>${left}`;
  const sorted = [...p.details].sort((a, b) => a.score - b.score).slice(0, PAIR_ROWS);
  const rows = sorted
    .map(
      (d) =>
        `<tr><td>${e(d.column_1)}</td><td>${e(d.column_2)}</td><td>${e(d.metric)}</td><td class="n">${fixed(d.score)} ${scoreBar(d.score)}</td><td class="n">${d.real_correlation === undefined ? '' : fixed(d.real_correlation)}</td><td class="n">${d.synthetic_correlation === undefined ? '' : fixed(d.synthetic_correlation)}</td></tr>`,
    )
    .join('');
  const scope = `Synthetic vs hold-out rows: ${p.details.length} of ${p.total_pairs} pairs scored${p.sampled ? ' (a seeded sample)' : ''}; ${sorted.length < p.details.length ? `the ${sorted.length} lowest shown` : 'lowest first'}.`;
  return `<p class="sub">${e(scope)}</p>${left}<table><thead><tr><th>Column 1</th><th>Column 2</th><th>Metric</th><th>Score</th><th>r real</th><th>r synthetic</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function shapeTable(report: QualityReport): string {
  const q = report.vs_holdout;
  const cov = new Map(q.coverage.details.map((c) => [c.column, c] as const));
  const train = new Map(report.vs_training.column_shapes.details.map((d) => [d.column, d.score] as const));
  const rows = q.column_shapes.details
    .map((d) => {
      const c = cov.get(d.column);
      return `<tr><td>${e(d.column)}</td><td>${e(d.type)}</td><td>${e(d.metric)}</td><td class="n">${fixed(d.score)} ${scoreBar(d.score)}</td><td class="n">${fixed(train.get(d.column))}</td><td>${e(c?.metric ?? '')}</td><td class="n">${fixed(c?.score)}</td><td class="n">${pct(d.missing_rate_real)} / ${pct(d.missing_rate_synthetic)}</td></tr>`;
    })
    .join('');
  const left = q.column_shapes.incomputable.length ? `<p class="sub">Left out (incomputable): ${q.column_shapes.incomputable.map((d) => `${e(d.column)}: ${e(d.reason)}`).join('; ')}.</p>` : '';
  return `<table><thead><tr><th>Column</th><th>Type</th><th>Shape metric</th><th>Score vs hold-out</th><th>vs training</th><th>Coverage metric</th><th>Coverage</th><th>Missing hold-out / synthetic</th></tr></thead><tbody>${rows}</tbody></table>${left}<p class="sub">Mean coverage ${e(fixed(q.coverage.score))}; mean missing-rate difference ${e(pct(q.column_shapes.mean_missing_rate_difference))} (neither is part of the overall score).</p>`;
}

function mlSection(report: QualityReport): string {
  const ml = report.ml_efficacy;
  if (ml.status !== 'ok') return `<p>Skipped: ${e(ml.reason)}</p>`;
  const metric = ml.metric === 'macro_f1' ? 'macro-F1' : 'R\u00b2';
  const rows = [
    ['Target', `${ml.target} (${ml.target_type}; ${ml.target_choice})`],
    ['Task, metric', `${ml.task}, ${metric} on the real hold-out`],
    [`${metric}: trained on real`, fixed(ml.real)],
    [`${metric}: trained on synthetic`, ml.synthetic_by_draw.length > 1 ? `${fixed(ml.synthetic)} (mean over ${ml.synthetic_by_draw.length} synthetic samples: ${ml.synthetic_by_draw.map((v) => fixed(v)).join(', ')})` : fixed(ml.synthetic)],
    ['Ratio synthetic / real', ml.ratio === null ? `undefined (${ml.ratio_note ?? ''})` : fixed(ml.ratio)],
    ...(ml.accuracy ? [['Accuracy real / synthetic', `${fixed(ml.accuracy.real)} / ${fixed(ml.accuracy.synthetic)}`]] : []),
    ['Trivial baseline', `${fixed(ml.baseline)} (${ml.task === 'classification' ? 'majority class' : 'training mean'})`],
    ['Model', ml.model],
    ['Rows', `${ml.rows.train_size} training rows for each model (real ${ml.rows.real_train}, synthetic ${ml.rows.synthetic_train}), ${ml.rows.holdout_test} hold-out${ml.sampled ? ' (subsampled)' : ''}`],
  ];
  return `<table><tbody>${rows.map(([k, v]) => `<tr><th>${e(k ?? '')}</th><td>${e(v ?? '')}</td></tr>`).join('')}</tbody></table>`;
}

function privacySection(report: QualityReport): string {
  const p = report.privacy;
  if (p.status !== 'ok') return `<p>Skipped: ${e(p.reason)}</p>`;
  const rows = [
    [
      'Share of synthetic rows closer to training than hold-out',
      `${pct(p.share_closer_to_training)} (expected ${pct(p.share_expected)} without memorisation; ties count half${p.share_by_draw.length > 1 ? `; mean over ${p.share_by_draw.length} synthetic samples: ${p.share_by_draw.map((v) => pct(v)).join(', ')}` : ''})`,
    ],
    ['Median DCR to training', fixed(p.median_dcr_training, 4)],
    ['Median DCR to hold-out', fixed(p.median_dcr_holdout, 4)],
    ['Exact copies of training rows', String(p.exact_copies)],
    ['Copies of training rows whose numbers are all missing (categories only; not counted above)', String(p.exact_copies_without_numbers)],
    ['Exact copies of hold-out rows', String(p.exact_copies_of_holdout)],
    ['Distance', p.distance],
    ['Rows compared', `${p.rows.synthetic} synthetic, ${p.rows.training} training (mean over ${p.repeats} disjoint part${p.repeats === 1 ? '' : 's'}), ${p.rows.holdout} hold-out${p.sampled ? ' (seeded subsamples)' : ''}`],
  ];
  return `<table><tbody>${rows.map(([k, v]) => `<tr><th>${e(k ?? '')}</th><td>${e(v ?? '')}</td></tr>`).join('')}</tbody></table>`;
}

function stageSection(stage1: QualityReport, stage2: QualityReport): string {
  const cmp = compareStages(stage1, stage2);
  const names: Record<string, string> = {
    overall: 'Overall quality vs hold-out',
    column_shapes: 'Column shapes vs hold-out',
    column_pair_trends: 'Column pair trends vs hold-out',
    ml_efficacy_ratio: 'ML efficacy ratio',
    dcr_share_closer_to_training: 'DCR: share closer to training',
    exact_copies: 'Exact copies',
  };
  const rows = Object.entries(cmp.headline)
    .map(([key, c]) => {
      const isCount = key === 'exact_copies';
      const show = (v: number | null): string => (isCount ? (v === null ? '\u2013' : String(v)) : fixed(v));
      const cls = c.improved === null ? '' : c.improved ? 'good' : 'bad';
      return `<tr><td>${e(names[key] ?? key)}</td><td class="n">${show(c.stage1)}</td><td class="n">${show(c.stage2)}</td><td class="n ${cls}">${isCount ? (c.difference === null ? '\u2013' : signed(c.difference, 0)) : signed(c.difference)}</td><td>${e(key === 'dcr_share_closer_to_training' ? 'lower is better, down to the expected share' : `${c.better} is better`)}</td></tr>`;
    })
    .join('');
  return `<p>${e(cmp.summary)}</p><table><thead><tr><th>Measure</th><th>Stage 1</th><th>Stage 2</th><th>Change</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Renders the report as one self-contained HTML document. */
export function renderReportHtml(report: QualityReport, options: RenderReportOptions): string {
  const real = featureTable(options.schema, options.real, 'real');
  const synthetic = featureTable(options.schema, options.synthetic, 'synthetic');
  const sections = [
    `<h1>${e(options.title)}</h1><p class="sub">${e(`${report.rows.real} real training rows, ${report.rows.synthetic} synthetic rows, ${report.rows.holdout} hold-out rows; ${report.columns.features.length} feature columns${report.columns.excluded.length ? `, ${report.columns.excluded.length} excluded` : ''}; seed ${report.seed}.`)}</p>`,
    headlineCards(report),
    ...(options.models ? [`<h2>MS-VAE beside a Gaussian copula and stage 1 alone</h2>${modelsSection(options.models)}`] : []),
    ...(options.stage1 ? [`<h2>Stage 1 vs stage 2</h2>${stageSection(options.stage1, report)}`] : []),
    `<h2>Column shapes and coverage</h2>${shapeTable(report)}`,
    `<h2>Columns: training rows vs synthetic</h2>${columnPanels(report, real, synthetic)}`,
    `<h2>Correlations (training rows and synthetic)</h2>${correlationSection(real, synthetic)}`,
    `<h2>Column pair trends</h2>${pairTable(report)}`,
    `<h2>ML efficacy</h2>${mlSection(report)}`,
    `<h2>Privacy: distance to closest record</h2>${privacySection(report)}`,
    `<h2>Definitions</h2><ul class="notes">${report.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`,
  ];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(options.title)}</title><style>${CSS}</style></head><body><main>${sections.join('\n')}</main></body></html>\n`;
}
