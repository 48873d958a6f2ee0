import { describe, expect, it } from 'vitest';

import { renderReportHtml } from '../../../../main/engine/table/report/report-html';
import { buildQualityReport } from '../../../../main/engine/table/report/report';
import { escapeHtml } from '../../../../main/engine/table/report/svg';
import type { CellValue } from '../../../../shared/tabular-schema';
import { mixedTable, noiseLike, schemaOf, tableOf } from './helpers';

const NASTY = '<b>&"x"';

function count(html: string, re: RegExp): number {
  return (html.match(re) ?? []).length;
}

describe('renderReportHtml', () => {
  const s = schemaOf([
    [NASTY, 'float'],
    ['when', 'datetime'],
    ['kind', 'categorical'],
    ['ok', 'boolean'],
    ["it's", 'integer'],
  ]);
  const rows = (n: number, seed: number): CellValue[][] =>
    Array.from({ length: n }, (_, i) => {
      const v = Math.sin(i * 12.9898 + seed) * 43758.5453;
      const u = v - Math.floor(v);
      return [u * 10, Date.UTC(2021, 0, 1) + Math.floor(u * 365) * 86_400_000, u < 0.3 ? '<script>alert(1)</script>' : u < 0.6 ? 'a&b' : `cat"${i % 30}`, u < 0.5, i % 7 === 0 ? null : Math.floor(u * 100)];
    });
  const names = [NASTY, 'when', 'kind', 'ok', "it's"];
  const real = tableOf(names, rows(300, 1));
  const synthetic = tableOf(names, rows(300, 2));
  const holdout = tableOf(names, rows(150, 3));
  const report = buildQualityReport({ schema: s, real, synthetic, holdout });
  const stage1 = buildQualityReport({ schema: s, real, synthetic: tableOf(names, rows(300, 9).map((r) => [r[0]! as number * 3, r[1]!, 'z', r[3]!, 5])), holdout });
  const html = renderReportHtml(report, { title: 'Report for <table> & "friends"', real, synthetic, schema: s, stage1 });

  it('is one self-contained HTML document without URLs or scripts', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/url\(/i);
    expect(count(html, /<html/g)).toBe(1);
    expect(count(html, /<\/html>/g)).toBe(1);
  });

  it('escapes every column name, category and the title', () => {
    expect(escapeHtml(NASTY)).toBe('&lt;b&gt;&amp;&quot;x&quot;');
    expect(html).toContain('&lt;b&gt;&amp;&quot;x&quot;');
    expect(html).not.toContain(NASTY);
    expect(html).not.toContain('<b>');
    expect(html).toContain('it&#39;s');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Report for &lt;table&gt; &amp; &quot;friends&quot;');
    for (const name of names) expect(html).toContain(escapeHtml(name));
  });

  it('has balanced tags (svg, table, div, g) and the expected sections', () => {
    const opens = count(html, /<svg[\s>]/g);
    expect(opens).toBeGreaterThan(5 + 2);
    expect(count(html, /<\/svg>/g)).toBe(opens);
    expect(count(html, /<table[\s>]/g)).toBe(count(html, /<\/table>/g));
    expect(count(html, /<div[\s>]/g)).toBe(count(html, /<\/div>/g));
    expect(count(html, /<g[\s>]/g)).toBe(count(html, /<\/g>/g));
    expect(count(html, /<tr[\s>]/g)).toBe(count(html, /<\/tr>/g));
    // No raw ampersand outside an entity (a cheap well-formedness check of the escaping).
    expect(html).not.toMatch(/&(?![a-z]+;|#\d+;)/i);
    for (const heading of ['Stage 1 vs stage 2', 'Column shapes and coverage', 'Correlations', 'Column pair trends', 'ML efficacy', 'Privacy']) {
      expect(html).toContain(heading);
    }
  });

  it('lists the per-sample scores when ML efficacy and the DCR share are averaged over samples', () => {
    expect(html).not.toContain('synthetic samples');
    const averaged = buildQualityReport({ schema: s, real, synthetic, moreSynthetic: [tableOf(names, rows(300, 4))], holdout });
    const page = renderReportHtml(averaged, { title: 't', real, synthetic, schema: s });
    expect(page).toMatch(/mean over 2 synthetic samples: [\d.]+, [\d.]+\)/);
    expect(page).toMatch(/mean over 2 synthetic samples: [\d.]+%, [\d.]+%/);
  });

  it('renders without a stage-1 report and with a wide table', () => {
    const { schema, table } = mixedTable(200, 1);
    const r = buildQualityReport({ schema, real: table, synthetic: noiseLike(200, 2), holdout: mixedTable(100, 3).table });
    const out = renderReportHtml(r, { title: 'plain', real: table, synthetic: noiseLike(200, 2), schema });
    expect(out).not.toContain('Stage 1 vs stage 2');
    expect(count(out, /<svg[\s>]/g)).toBe(count(out, /<\/svg>/g));
  });
});
