import { join } from 'node:path';
import sharp from 'sharp';
import type { ImagesPreviewJobSpec, JobResult } from '../../../shared/compute-protocol';
import { skippedShown, type ImagePreview } from '../../../shared/dataset-preview';
import { imagePng } from '../image/png';
import { openImageSource } from '../image/data/open-image-source';
import type { ImageFolderSource } from '../image/data/image-folder';
import type { JobCallbacks } from '../core/job-context';

export interface PreviewThumbnail {
  readonly png: Uint8Array;
  readonly label: string;
  readonly original?: { readonly width: number; readonly height: number };
}

/** What the job returns: the preview with PNG bytes, which the service turns into data URLs. */
export type ImagesPreviewOutput = Omit<ImagePreview, 'thumbnails'> & { readonly thumbnails: readonly PreviewThumbnail[] };

const isFolder = (source: object): source is ImageFolderSource => Array.isArray((source as { files?: unknown }).files);

/**
 * Opens image data the way training will (the same reader, size, channels and fit), so what
 * the wizard shows is what the model gets: usable count, skipped files with reasons, and
 * `samples` images spread evenly over the dataset. Needs no TF.js backend.
 */
export async function runImagesPreview(spec: ImagesPreviewJobSpec, callbacks: JobCallbacks): Promise<{ result: JobResult; cancelled: boolean }> {
  const source = await openImageSource({
    data: spec.data,
    size: spec.size,
    channels: spec.channels,
    fit: spec.fit,
    seed: 1,
    onProgress: (done, total) => callbacks.onProgress({ phase: 'scan', step: done, totalSteps: total, losses: {}, stepsPerSec: 0, etaSec: null }),
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
      thumbnails,
    };
    return { result: { step: 0, metrics: {}, output }, cancelled: false };
  } finally {
    await source.close?.();
  }
}
