import type { RowCondition } from '../../../../shared/tabular-config';
import type { CellValue, Table } from '../../../../shared/tabular-schema';
import { seededRandom } from '../../core/random';
import { compileConditions } from './conditions';
import type { TrainedTabularRun } from './run-files';
import { marginalCalibration } from './marginal-calibration';
import { CALIBRATION_ROWS, missingThresholds } from './missing-calibration';
import { sampleEncodedRows } from './sample';

/** Rows drawn and decoded per round (bench/generate-speed.ts times one). */
export const SYNTHESIS_CHUNK = 1024;

export interface SynthesizeOptions {
  readonly where?: readonly RowCondition[];
  readonly fix?: Readonly<Record<number, number>>;
  readonly stage?: 1 | 2;
  readonly onProgress?: (kept: number) => void;
  readonly isCancelled?: () => boolean;
  /**
   * Awaited after each chunk: reading a chunk back resolves as a microtask on the CPU backends, so
   * without it a long synthesis never gives the event loop (and the heartbeat) a turn.
   */
  readonly pause?: () => Promise<void>;
}

/**
 * n synthetic rows meeting every condition: rows are drawn in chunks and kept when they meet
 * the conditions, until n are kept; a condition too rare to meet is reported with its rate.
 */
export async function synthesizeRows(run: TrainedTabularRun, n: number, seed: number, options: SynthesizeOptions): Promise<Table> {
  const conditions = compileConditions(options.where ?? [], run.manifest.schema);
  const stage = options.stage ?? (run.hasStage2 ? 2 : 1);
  const random = seededRandom(seed);
  // VAE and stage-1 outputs are probabilities: sample categories from them. The mixture's and the flow's are samples already.
  const sample = !(stage === 2 && run.manifest.config.stage2 !== 'vae');
  // Samples' missing flags: thresholds from one unconditional draw (missing-calibration.ts).
  const calibration = sample ? null : await sampleEncodedRows(run.model, CALIBRATION_ROWS, seed + 0xca1b, {}, stage);
  const missingAt = calibration ? missingThresholds(calibration, CALIBRATION_ROWS, run.encoder.width, run.encoder.spans, run.manifest.schema) : undefined;
  // ... and each column's marginal from the same draw (marginal-calibration.ts).
  const marginals = calibration ? marginalCalibration(calibration, CALIBRATION_ROWS, run.encoder, missingAt) : undefined;
  const kept: CellValue[][] = [];
  let drawn = 0;
  for (let round = 0; kept.length < n; round++) {
    if (options.isCancelled?.()) break;
    const encoded = await sampleEncodedRows(run.model, SYNTHESIS_CHUNK, seed + round * 7919, options.fix ?? {}, stage);
    // rowOffset keeps fresh ids of excluded identifier columns unique across chunks.
    const table = run.encoder.decode(encoded, SYNTHESIS_CHUNK, { sample, synthetic: true, random, rowOffset: drawn, ...(missingAt ? { missingThresholds: missingAt } : {}), ...(marginals ?? {}) });
    drawn += SYNTHESIS_CHUNK;
    for (const row of table.rows) {
      const copy = [...row];
      if (conditions.every((c) => c.test(copy))) kept.push(copy);
      if (kept.length >= n) break;
    }
    options.onProgress?.(kept.length);
    await options.pause?.();
    if (drawn >= 200 * n + 20 * SYNTHESIS_CHUNK && kept.length < n) {
      const rate = kept.length / drawn;
      throw new Error(
        `Only ${kept.length} of ${drawn} generated rows met ${conditions.map((c) => c.describe).join(' and ')} (${(rate * 100).toFixed(3)}%); widen the condition or ask for fewer rows`,
      );
    }
  }
  return { columns: run.encoder.columns, rows: kept };
}
