import type { ImagePreview } from '../../../../shared/dataset-preview';

export interface ImagePreviewStepProps {
  readonly preview: ImagePreview;
}

/** The files' own sizes among the samples: "48 × 40", or the smallest and largest by area. */
export function originalSizes(thumbnails: ImagePreview['thumbnails']): string | null {
  const sizes = thumbnails.flatMap((t) => (t.original ? [t.original] : [])).sort((a, b) => a.width * a.height - b.width * b.height);
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  if (!first || !last) return null;
  const text = (s: { width: number; height: number }) => `${s.width} × ${s.height}`;
  return text(first) === text(last) ? text(first) : `${text(first)} to ${text(last)}`;
}

/** Step 2 for images: how many, at what size, samples as the model will see them, and what was skipped. */
export function ImagePreviewStep({ preview }: ImagePreviewStepProps) {
  const { name, count, size, channels, factors, skipped, skippedCount, thumbnails } = preview;
  const originals = originalSizes(thumbnails);
  return (
    <div className="image-preview">
      <dl className="stats" data-testid="image-preview-stats">
        <div>
          <dt>Dataset</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>Usable images</dt>
          <dd data-testid="image-count">{count.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Skipped files</dt>
          <dd data-testid="skipped-count">{skippedCount.toLocaleString()}</dd>
        </div>
        {originals && (
          <div>
            <dt>Original sizes (samples)</dt>
            <dd data-testid="original-sizes">{originals}</dd>
          </div>
        )}
        <div>
          <dt>Model sees</dt>
          <dd>
            {size} × {size}, {channels === 1 ? 'greyscale' : 'colour'}
          </dd>
        </div>
        {factors.length > 0 && (
          <div>
            <dt>Known factors</dt>
            <dd>{factors.join(', ')}</dd>
          </div>
        )}
      </dl>
      <h5>Samples, resized as for training</h5>
      <ul className="thumbnails" aria-label="Sample images">
        {thumbnails.map((t, i) => {
          const original = t.original ? ` (${t.original.width} × ${t.original.height})` : '';
          return (
            <li key={i}>
              <img src={t.src} alt={`${t.label}${original}`} title={`${t.label}${original}`} width={64} height={64} />
            </li>
          );
        })}
      </ul>
      {skippedCount > 0 && (
        <details className="issues" open>
          <summary>
            {skippedCount} file{skippedCount === 1 ? '' : 's'} left out{skippedCount > skipped.length ? ` (first ${skipped.length} listed)` : ''}: training goes on without them
          </summary>
          <ul data-testid="skipped-files">
            {skipped.map((s) => (
              <li key={s.file}>
                <code>{s.file}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
