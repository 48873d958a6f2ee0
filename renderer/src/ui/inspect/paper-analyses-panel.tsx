import { formatNumber } from '../lib/format';
import { analysisText } from './metric-explanations';
import { factorMis, labelAccuracies, MI_KEYS, type FactorMi } from './paper-analyses';

export interface PaperAnalysesPanelProps {
  /** The run's stored eval.* metrics. */
  readonly metrics: Readonly<Record<string, number>>;
}

const percent = (v: number | null) => (v === null ? '–' : `${formatNumber(v * 100, 1)}%`);

/** Four bars (M1-M4) for one factor, 0..1, with the values spelled out for screen readers. */
function MiBars({ factor }: { readonly factor: FactorMi }) {
  const [w, h, bar, gap] = [132, 56, 24, 8];
  const words = MI_KEYS.map((k, i) => `${k.toUpperCase()} ${factor.values[i] === null ? 'not measured' : formatNumber(factor.values[i], 2)}`).join(', ');
  return (
    <figure className="mi-factor" data-testid="mi-bars">
      <svg width={w} height={h + 14} role="img" aria-label={`${factor.factor}: ${words}`}>
        <line x1={0} x2={w} y1={h} y2={h} className="mi-axis" />
        {factor.values.map((v, i) => {
          const height = Math.max(1, (v ?? 0) * h);
          const x = i * (bar + gap) + gap / 2;
          return (
            <g key={MI_KEYS[i]}>
              <rect x={x} y={h - height} width={bar} height={height} className={`mi-bar mi-${MI_KEYS[i]}`}>
                <title>{`${analysisText[MI_KEYS[i]!].short}: ${v === null ? 'not measured' : formatNumber(v, 3)}`}</title>
              </rect>
              <text x={x + bar / 2} y={h + 12} textAnchor="middle" className="mi-label">
                {`M${i + 1}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{factor.factor}</figcaption>
    </figure>
  );
}

/**
 * The paper's analyses on the Factors tab: which known labels the factors C and the detail Z
 * predict (with chance beside), and per factor how much of it survives each stage-2 path (M1-M4).
 * Shows nothing for runs whose evaluation has neither (no labels, stage 2 untrained).
 */
export function PaperAnalysesPanel({ metrics }: PaperAnalysesPanelProps) {
  const labels = labelAccuracies(metrics);
  const factors = factorMis(metrics);
  if (labels.length === 0 && factors.length === 0) return null;
  const columns = ['chance', 'c', 'z', 'cz'] as const;
  return (
    <section className="paper-analyses" aria-label="What the factors carry">
      {labels.length > 0 && (
        <div data-testid="interpretability">
          <h4>Which labels the factors predict</h4>
          <div className="table-scroll">
            <table className="runs metrics" data-testid="interpretability-table">
              <caption className="visually-hidden">Label accuracy from C, Z and C+Z, with chance</caption>
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  {columns.map((k) => (
                    <th scope="col" key={k} title={analysisText[k].explain}>
                      {analysisText[k].short}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {labels.map((l) => (
                  <tr key={l.name}>
                    <th scope="row">{l.name}</th>
                    {columns.map((k) => (
                      <td key={k}>{percent(l[k])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="muted small-text">
            {(['c', 'z', 'cz'] as const).map((k) => (
              <li key={k}>
                <strong>{analysisText[k].short}</strong>: {analysisText[k].explain}
              </li>
            ))}
          </ul>
        </div>
      )}
      {factors.length > 0 && (
        <div data-testid="stage2-mi">
          <h4>What stage 2 keeps of each factor</h4>
          <div className="mi-grid">
            {factors.map((f) => (
              <MiBars key={f.factor} factor={f} />
            ))}
          </div>
          <ul className="muted small-text">
            {MI_KEYS.map((k) => (
              <li key={k}>
                <strong>{analysisText[k].short}</strong>: {analysisText[k].explain}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
