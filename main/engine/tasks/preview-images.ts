import type { ImagesPreviewJobSpec } from '../../../shared/compute-protocol';
import type { JobCallbacks, TaskOutcome } from '../core/job-context';
import { previewImageData } from '../image/data-preview';

/** The 'images-preview' job: a look at image data before training, as training will read it. */
export async function runImagesPreview(spec: ImagesPreviewJobSpec, callbacks: JobCallbacks): Promise<TaskOutcome<'images-preview'>> {
  const output = await previewImageData(spec, (progress) => callbacks.onProgress(progress));
  return { result: { step: 0, metrics: {}, output }, cancelled: false };
}
