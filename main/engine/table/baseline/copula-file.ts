/**
 * The run folder's copula.json: the baseline fitted beside the run's model, with its fit time, so
 * the report and the compare view can show it. Runs trained before the baseline existed have none.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Table, TableSchema } from '../../../../shared/tabular-schema';
import { writeFileAtomic } from '../../core/atomic-files';
import { fitGaussianCopula, type GaussianCopulaModel } from './gaussian-copula';

export const COPULA_FILE = 'copula.json';

export interface SavedCopula {
  readonly model: GaussianCopulaModel;
  /** Wall-clock seconds the fit took (on whatever else the machine was doing). */
  readonly fitSeconds: number;
}

/** Fits the copula on the run's training rows and writes it to <runDir>/copula.json. */
export function fitAndSaveCopula(runDir: string, schema: TableSchema, train: Table, seed: number): SavedCopula {
  const started = performance.now();
  const model = fitGaussianCopula(schema, train, seed);
  const saved: SavedCopula = { model, fitSeconds: (performance.now() - started) / 1000 };
  writeFileAtomic(path.join(runDir, COPULA_FILE), JSON.stringify(saved));
  return saved;
}

/** The run's saved copula, or null for a run without one (trained before the baseline existed). */
export function readSavedCopula(runDir: string): SavedCopula | null {
  const file = path.join(runDir, COPULA_FILE);
  if (!existsSync(file)) return null;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<SavedCopula>;
  if (saved.model?.kind !== 'gaussian-copula' || !Array.isArray(saved.model.columns)) throw new Error(`${file} is not a Gaussian copula file (expected kind "gaussian-copula" with columns)`);
  return saved as SavedCopula;
}
