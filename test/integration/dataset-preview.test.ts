import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExampleTable, ImagePreview } from '../../shared/dataset-preview';
import type { TableSchema } from '../../shared/tabular-schema';
import { callerOf, testServices } from '../helpers/services';
import { tempDir } from '../helpers/temp-dir';

/** A solid-colour PNG of the given size. */
const png = (width: number, height: number, rgb: [number, number, number]) =>
  sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();

describe('what the new-model wizard reads before training (real compute process)', () => {
  let t: ReturnType<typeof testServices>;
  const files = tempDir();
  const folder = path.join(files.path, 'photos');
  const empty = path.join(files.path, 'empty');
  const call = <T>(method: string, input: unknown): Promise<T> => callerOf(t.dispatch)<T>(method, input);

  beforeAll(async () => {
    t = testServices();
    mkdirSync(path.join(folder, 'more'), { recursive: true });
    mkdirSync(empty);
    writeFileSync(path.join(folder, 'red.png'), await png(40, 30, [255, 0, 0]));
    writeFileSync(path.join(folder, 'green.png'), await png(20, 20, [0, 255, 0]));
    writeFileSync(path.join(folder, 'more', 'blue.png'), await png(64, 48, [0, 0, 255]));
    // Not a PNG at all, and a real PNG cut in half.
    writeFileSync(path.join(folder, 'corrupt.png'), 'this is not an image');
    const whole = await png(32, 32, [10, 20, 30]);
    writeFileSync(path.join(folder, 'truncated.png'), whole.subarray(0, Math.floor(whole.length / 2)));
    writeFileSync(path.join(folder, 'notes.txt'), 'not a candidate');
    writeFileSync(path.join(empty, 'readme.txt'), 'no images here');
  });
  afterAll(async () => {
    await t.dispose();
    files.remove();
  });

  it('counts a folder’s usable images, lists the corrupt ones with a reason, and returns thumbnails at the training size', async () => {
    const preview = await call<ImagePreview>('datasets.inspectImages', { data: folder, imageSize: 32, channels: 3, samples: 8 });
    expect(preview).toMatchObject({ name: 'photos', count: 3, size: 32, channels: 3, skippedCount: 2, heldOut: 0, factors: [] });
    expect(preview.skipped.map((s) => s.file)).toEqual(['corrupt.png', 'truncated.png']);
    expect(preview.skipped[0]?.reason).toMatch(/not an image|cannot decode|corrupt/);
    expect(preview.skipped[1]?.reason).toMatch(/truncated or corrupt|cannot decode/);
    expect(preview.thumbnails.map((th) => th.label)).toEqual(['green.png', 'more/blue.png', 'red.png']);
    expect(preview.thumbnails.find((th) => th.label === 'red.png')?.original).toEqual({ width: 40, height: 30 });
    // Each thumbnail is a real 32x32 colour PNG; the red one is red.
    const red = preview.thumbnails.find((th) => th.label === 'red.png')!;
    expect(red.src.startsWith('data:image/png;base64,')).toBe(true);
    const { data, info } = await sharp(Buffer.from(red.src.split(',')[1]!, 'base64')).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([32, 32, 3]);
    expect([data[0], data[1], data[2]]).toEqual([255, 0, 0]);
  });

  it('refuses a folder with no images, a missing folder and a relative path, naming the field', async () => {
    const noImages = await t.dispatch('datasets.inspectImages', { data: empty });
    expect(noImages).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'data' } });
    expect(!noImages.ok && noImages.error.message).toMatch(/No readable images in folder .*empty: no \.png/);
    const missing = await t.dispatch('datasets.inspectImages', { data: path.join(files.path, 'nowhere') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'data' } });
    const relative = await t.dispatch('datasets.inspectImages', { data: 'photos' });
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'data' } });
    const badSize = await t.dispatch('datasets.inspectImages', { data: folder, imageSize: 48 });
    expect(badSize).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'imageSize' } });
  });

  it('previews dSprites with its known factors, greyscale whatever is asked', async () => {
    const preview = await call<ImagePreview>('datasets.inspectImages', { data: 'dsprites', imageSize: 32, channels: 3, samples: 4 });
    expect(preview).toMatchObject({ name: 'dSprites', count: 737_280, size: 32, channels: 1, skippedCount: 0, heldOut: 0, factors: ['shape', 'scale', 'orientation', 'posX', 'posY'] });
    expect(preview.thumbnails).toHaveLength(4);
  });

  it('lists the example tables with paths that the table reader opens', async () => {
    const examples = await call<ExampleTable[]>('datasets.examples', {});
    expect(examples.map((e) => e.id)).toEqual(['penguins', 'cars', 'movies']);
    for (const e of examples) expect(existsSync(e.path)).toBe(true);
    const penguins = await call<TableSchema>('datasets.inspectTable', { path: examples[0]!.path });
    expect(penguins.rowCount).toBe(344);
  });

  it('has no native dialog in host mode and says to type the path', async () => {
    const result = await t.dispatch('dialogs.open', { kind: 'folder' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(!result.ok && result.error.message).toMatch(/type the full path/);
    expect(await t.dispatch('dialogs.open', { kind: 'printer' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'kind' } });
  });
});
