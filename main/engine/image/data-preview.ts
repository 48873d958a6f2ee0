import { join } from 'node:path';
import sharp from 'sharp';
import { skippedShown } from '../../../shared/dataset-preview';
import type { ImagesPreviewOutput, PreviewThumbnail } from '../../../shared/job-outputs';
import { phaseProgress, type Progress } from '../../../shared/progress';
import type { ImageFolderSource } from './data/image-folder';
import { openImageSource } from './data/open-image-source';
import { heldOutCountFor } from './data/run-data';
import { imagePng } from './png';

const isFolder = (source: object): source is ImageFolderSource => Array.isArray((source as { files?: unknown }).files);

export interface PreviewRequest {
  /** 'dsprites', 'mnist' or a checked folder path. */
  readonly data: string;
  readonly size: 32 | 64;
  readonly channels: 1 | 3;
  readonly fit: 'crop' | 'pad';
  readonly samples: number;
}

/**
 * Opens image data the way training will (the same reader, size, channels and fit), so what
 * the wizard shows is what the model gets: usable count, skipped files with reasons, how many a
 * run holds out for evaluation, and `samples` images spread evenly over the dataset. Needs no
 * TF.js backend.
 */
export async function previewImageData(spec: PreviewRequest, onScan: (progress: Progress) => void): Promise<ImagesPreviewOutput> {
  const source = await openImageSource({
    data: spec.data,
    size: spec.size,
    channels: spec.channels,
    fit: spec.fit,
    seed: 1,
    onProgress: (done, total) => onScan(phaseProgress('scan', done, total)),
  });
  try {
    const { info } = source;
    const n = Math.min(spec.samples, info.count);
    const stride = Math.max(1, Math.floor(info.count / Math.max(1, n)));
    const indices = Array.from({ length: n }, (_, i) => i * stride);
    const batch = await source.read(indices);
    const pixels = info.size * info.size * info.channels;
    const thumbnails: PreviewThumbnail[] = [];
    for (let k = 0; k < n; k++) {
      const index = indices[k] ?? 0;
      const png = await imagePng(batch.images.subarray(k * pixels, (k + 1) * pixels), info.size, info.channels);
      if (isFolder(source)) {
        const file = source.files[index] ?? '';
        const meta = await sharp(join(spec.data, file)).metadata().catch(() => undefined);
        thumbnails.push({ png, label: file, ...(meta?.width && meta.height ? { original: { width: meta.width, height: meta.height } } : {}) });
      } else {
        thumbnails.push({ png, label: `${info.name} #${index}` });
      }
    }
    const skipped = info.skipped ?? [];
    const output: ImagesPreviewOutput = {
      name: info.name,
      count: info.count,
      size: info.size,
      channels: info.channels,
      factors: (info.factors ?? []).map((f) => f.name),
      skipped: skipped.slice(0, skippedShown),
      skippedCount: skipped.length,
      heldOut: heldOutCountFor(spec.data, source),
      thumbnails,
    };
    return output;
  } finally {
    await source.close?.();
  }
}
