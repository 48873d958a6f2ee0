import sharp from 'sharp';

/**
 * Images as the app stores and shows them: NHWC floats in [0, 1] to 8-bit PNG.
 */

/** Lays out n images [n, s, s, ch] as a grid of `columns` columns, 1 px gaps; returns RGB-or-grey bytes. */
export function tileImages(images: Float32Array, n: number, size: number, channels: number, columns: number, gap = 1): { data: Uint8Array; width: number; height: number } {
  const rows = Math.ceil(n / columns);
  const width = columns * size + (columns - 1) * gap;
  const height = rows * size + (rows - 1) * gap;
  const data = new Uint8Array(width * height * channels).fill(128);
  for (let i = 0; i < n; i++) {
    const ox = (i % columns) * (size + gap);
    const oy = Math.floor(i / columns) * (size + gap);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        for (let c = 0; c < channels; c++) {
          const v = images[((i * size + y) * size + x) * channels + c] ?? 0;
          data[((oy + y) * width + ox + x) * channels + c] = Math.round(Math.min(1, Math.max(0, v)) * 255);
        }
      }
    }
  }
  return { data, width, height };
}

export async function encodePng(data: Uint8Array, width: number, height: number, channels: number): Promise<Uint8Array> {
  const png = await sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: channels as 1 | 3 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** A grid of images as PNG bytes. */
export async function gridPng(images: Float32Array, n: number, size: number, channels: number, columns: number): Promise<Uint8Array> {
  const { data, width, height } = tileImages(images, n, size, channels, columns);
  return encodePng(data, width, height, channels);
}

/** One image [size, size, ch] as PNG bytes. */
export function imagePng(image: Float32Array, size: number, channels: number): Promise<Uint8Array> {
  return gridPng(image, 1, size, channels, 1);
}
