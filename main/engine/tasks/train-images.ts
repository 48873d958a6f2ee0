import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BackendReport, ImageTrainJobSpec } from '../../../shared/compute-protocol';
import { phaseProgress } from '../../../shared/progress';
import { openTrainingData } from '../image/data/run-data';
import { eventYielder, type JobCallbacks, type TaskOutcome } from '../core/job-context';
import { writeFileAtomic } from '../core/atomic-files';
import { recordedSplit, type RunManifest } from '../image/load-run';
import { trainImageModel } from '../image/training/train-image';

/**
 * The 'image-train' job: opens the data, sets the hold-out aside (a resumed run keeps the split
 * its run.json records), records the run's manifest, trains both stages with progress, previews
 * and checkpoints.
 */
export async function runImageTrain(spec: ImageTrainJobSpec, backend: BackendReport, callbacks: JobCallbacks, replicaEntry?: string): Promise<TaskOutcome<'image-train'>> {
  const { config } = spec;
  const { source, dataset: info, split } = await openTrainingData(config, recordedSplit(spec.runDir), (done, total) => callbacks.onProgress(phaseProgress('scan', done, total)));
  mkdirSync(spec.runDir, { recursive: true });
  const manifest: RunManifest = {
    config,
    dataset: {
      name: info.name,
      count: info.count,
      size: info.size,
      channels: info.channels,
      skipped: info.skipped?.length ?? 0,
      factors: (info.factors ?? []).map((f) => f.name),
    },
    split,
    backend: backend.name,
    createdAt: Date.now(),
  };
  writeFileAtomic(path.join(spec.runDir, 'run.json'), JSON.stringify(manifest, null, 2));
  if (info.skipped && info.skipped.length > 0) {
    writeFileAtomic(path.join(spec.runDir, 'skipped-files.json'), JSON.stringify(info.skipped, null, 2));
  }
  const outcome = await trainImageModel(config, source, spec.runDir, {
    onProgress: (p) => callbacks.onProgress(p),
    onPreview: (step, png) => {
      // Kept beside the run so the CLI user and the app see the same previews.
      const dir = path.join(spec.runDir, 'previews');
      mkdirSync(dir, { recursive: true });
      writeFileAtomic(path.join(dir, `step-${String(step).padStart(7, '0')}.png`), png);
      writeFileAtomic(path.join(dir, 'latest.png'), png);
      callbacks.onPreview?.(step, png);
    },
    onCheckpoint: callbacks.onCheckpoint,
    isCancelled: callbacks.isCancelled,
    yieldToEvents: eventYielder(),
  }, replicaEntry ? { replicaEntry } : {});
  return {
    result: { step: outcome.step, metrics: outcome.lastLosses, output: { runDir: spec.runDir, resumedFrom: outcome.resumedFrom, skipped: info.skipped ?? [] } },
    cancelled: outcome.cancelled,
  };
}
