import path from 'node:path';
import type { Progress } from '../../../shared/progress';
import { writeFileSynced } from '../core/atomic-files';
import { ProgressMeter } from '../core/progress-meter';
import type { TrainedRun } from './load-run';
import { imagePng } from './png';
import { sampleImages } from './sampling';

/** Images drawn and encoded per round (an export's batch; bench/generate-speed.ts times it). */
export const SAMPLE_CHUNK = 64;

export interface SampleFileOptions {
  readonly n: number;
  readonly seed: number;
  /** Factor index -> value of c_k to hold fixed. */
  readonly fix: Readonly<Record<number, number>>;
  readonly onProgress: (progress: Progress) => void;
  readonly isCancelled: () => boolean;
}

/** Writes up to n samples (stage 2 once trained) as sample-00001.png... into dir; returns the names written, fewer when cancelled. */
export async function writeSamplePngs(run: TrainedRun, dir: string, options: SampleFileOptions): Promise<string[]> {
  const { imageSize, channels } = run.config;
  const per = imageSize * imageSize * channels;
  const meter = new ProgressMeter(options.n);
  const files: string[] = [];
  for (let start = 0; start < options.n && !options.isCancelled(); start += SAMPLE_CHUNK) {
    const n = Math.min(SAMPLE_CHUNK, options.n - start);
    const samples = await sampleImages(run.model, n, options.seed + start, options.fix, run.hasStage2);
    for (let i = 0; i < n; i++) {
      const name = `sample-${String(start + i + 1).padStart(5, '0')}.png`;
      writeFileSynced(path.join(dir, name), await imagePng(samples.x.subarray(i * per, (i + 1) * per), imageSize, channels));
      files.push(name);
    }
    const report = meter.update(start + n, {}, start + n === options.n);
    if (report) options.onProgress({ ...report, phase: 'generate' });
  }
  return files;
}
