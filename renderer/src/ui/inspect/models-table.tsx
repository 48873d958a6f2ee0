import { formatNumber } from '../lib/format';
import { betterText } from './metric-explanations';
import type { SideBySideRow } from './models-side-by-side';

export interface ModelsTableProps {
  /** From sideBySideRows: one row per headline number. */
  readonly rows: readonly SideBySideRow[];
}

const shown = (v: number | undefined) => formatNumber(v, v !== undefined && Number.isInteger(v) ? 0 : 3);

/** MS-VAE beside the Gaussian copula baseline and stage 1 alone, on the same quality numbers. */
export function ModelsTable({ rows }: ModelsTableProps) {
  return (
    <div className="table-scroll">
      <table className="runs metrics" data-testid="models-table">
        <caption>MS-VAE beside a Gaussian copula baseline (fitted on the same training rows) and stage 1 alone</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">MS-VAE</th>
            <th scope="col">Gaussian copula</th>
            <th scope="col">Stage 1 alone</th>
            <th scope="col">What it says</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.explanation.label}</th>
              <td>{shown(r.msVae)}</td>
              <td className={r.copula === 'not trained' ? 'muted' : undefined}>{r.copula === 'not trained' ? 'not trained' : shown(r.copula)}</td>
              <td>{shown(r.stage1)}</td>
              <td className="small-text">
                {r.explanation.explain} {betterText(r.explanation.better) && <span className="muted">({betterText(r.explanation.better)})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
