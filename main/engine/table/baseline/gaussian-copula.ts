/**
 * A Gaussian copula synthesizer, the baseline every tabular report sets MS-VAE beside (the method
 * of SDV's default GaussianCopulaSynthesizer, written here in plain TypeScript): each feature
 * column's marginal (marginals.ts; empirical where SDV fits a parametric family by default, so a
 * closer fit to each column and a harder baseline), the correlation of the columns' normal scores (correlation.ts), and
 * each column's missing rate. Sampling draws correlated normals, maps them to uniforms through
 * Phi and each uniform through its column's inverse marginal; a cell is then set missing at the
 * column's real rate, independently. Fitted on the same training rows as the run's model.
 */
import type { CellValue, Table, TableSchema } from '../../../../shared/tabular-schema';
import { mulberry32, seededNormal } from '../../core/seeded-rng';
import { choleskyWithRidge, pairwiseCorrelation } from './correlation';
import { fitMarginal, inverseMarginal, uniformScores, type EmptyMarginal, type Marginal } from './marginals';
import { normalCdf, normalQuantile } from './normal';

export interface CopulaColumn {
  readonly name: string;
  /** Share of the training rows with this cell missing. */
  readonly missingRate: number;
  readonly marginal: Marginal | EmptyMarginal;
}

/** A fitted copula as plain JSON (the run folder's copula.json). */
export interface GaussianCopulaModel {
  readonly kind: 'gaussian-copula';
  readonly version: 1;
  readonly columns: CopulaColumn[];
  /** The Cholesky factor of the normal scores' correlation, row-major m x m (m = columns.length). */
  readonly cholesky: number[];
  /** The ridge that made the correlation positive definite (null: none did, columns independent). */
  readonly ridge: number | null;
  readonly trainRows: number;
}

/** Fits the copula on the schema's feature columns of `table` (cells matched by column name). */
export function fitGaussianCopula(schema: TableSchema, table: Table, seed: number): GaussianCopulaModel {
  const features = schema.columns.filter((c) => c.role === 'feature');
  const n = table.rows.length;
  const random = mulberry32(seed ^ 0x6c07);
  const columns: CopulaColumn[] = [];
  const scores: Float64Array[] = [];
  for (const column of features) {
    const at = table.columns.indexOf(column.name);
    if (at < 0) throw new Error(`the training table has no column "${column.name}" (a feature column of the schema)`);
    const cells: CellValue[] = table.rows.map((row) => row[at] ?? null);
    const marginal = fitMarginal(column, cells);
    const normal = new Float64Array(n).fill(Number.NaN);
    let missing = n;
    if (marginal.kind !== 'empty') {
      const u = uniformScores(marginal, column, cells, random);
      missing = 0;
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(u[i]!)) missing++;
        else normal[i] = normalQuantile(u[i]!);
      }
    }
    columns.push({ name: column.name, missingRate: n > 0 ? missing / n : 0, marginal });
    scores.push(normal);
  }
  const m = columns.length;
  const { factor, ridge } = choleskyWithRidge(pairwiseCorrelation(scores, n), m);
  return { kind: 'gaussian-copula', version: 1, columns, cholesky: Array.from(factor), ridge, trainRows: n };
}

/** n synthetic rows of the copula's columns, the same for the same seed. */
export function sampleGaussianCopula(model: GaussianCopulaModel, n: number, seed: number): Table {
  const m = model.columns.length;
  const normal = seededNormal(seed);
  const uniform = mulberry32(seed ^ 0x3a55);
  const l = model.cholesky;
  const e = new Float64Array(m);
  const rows: CellValue[][] = [];
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < m; j++) e[j] = normal();
    const row: CellValue[] = new Array<CellValue>(m);
    for (let i = 0; i < m; i++) {
      let z = 0;
      for (let k = 0; k <= i; k++) z += l[i * m + k]! * e[k]!;
      const column = model.columns[i]!;
      const missing = uniform() < column.missingRate;
      row[i] = missing ? null : inverseMarginal(column.marginal, normalCdf(z));
    }
    rows.push(row);
  }
  return { columns: model.columns.map((c) => c.name), rows };
}
