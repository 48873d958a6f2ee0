import type { TargetPrediction } from '../../../../shared/models';
import { formatNumber } from '../lib/format';
import { analysisText } from './metric-explanations';

export interface TargetPredictionTableProps {
  readonly prediction: TargetPrediction;
}

const percent = (v: number | null) => (v === null ? '–' : `${formatNumber(v * 100, 1)}%`);

/** How well the factors C, stage 2's code Z and both predict the target column, beside chance. */
export function TargetPredictionTable({ prediction: p }: TargetPredictionTableProps) {
  const columns = ['chance', 'c', 'z', 'cz'] as const;
  return (
    <div data-testid="target-prediction">
      <h4>Which factors predict {p.target}</h4>
      <p className="muted small-text">
        A small classifier fit on the codes of half of the {p.split === 'holdout' ? 'hold-out rows' : 'training rows (the hold-out is too small)'} predicts{' '}
        {p.binned ? `${p.target} in ${p.classes} equal-count ranges` : `${p.target} (${p.classes} values)`} for the other {p.n}. {analysisText.c.explain}
      </p>
      <table className="runs metrics" data-testid="target-prediction-table">
        <caption className="visually-hidden">Accuracy predicting {p.target}</caption>
        <thead>
          <tr>
            {columns.map((k) => (
              <th scope="col" key={k} title={analysisText[k].explain}>
                {analysisText[k].short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {columns.map((k) => (
              <td key={k}>{percent(p[k])}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
