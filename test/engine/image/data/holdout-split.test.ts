/** The folder hold-out rule on its own: deterministic, disjoint, stable when files are added, sized as documented. */
import { describe, expect, it } from 'vitest';

import { HOLDOUT_FRACTION, heldOutMask, holdoutScore, MIN_FOLDER_FOR_HOLDOUT, MIN_HELD_OUT, planFolderSplit, SPLIT_SEED, subsetSource, type FolderSplitRule, type ImageSplitRecord } from '../../../../main/engine/image/data/holdout-split';
import type { ImageSource } from '../../../../main/engine/image/data/types';

const names = (n: number, prefix = 'img'): string[] => Array.from({ length: n }, (_, i) => `${prefix}/${String(i).padStart(5, '0')}.png`);
const ruleOf = (split: ImageSplitRecord): FolderSplitRule => {
  if (split.kind !== 'holdout') throw new Error(`expected a hold-out split, got ${split.kind}`);
  return split;
};
const heldSet = (files: readonly string[], rule: FolderSplitRule): Set<string> => {
  const mask = heldOutMask(files, rule);
  return new Set(files.filter((_, i) => mask[i]));
};

describe('planFolderSplit', () => {
  it('holds out about 10% of a folder, the same files every time', () => {
    const files = names(2000);
    const a = planFolderSplit(files);
    const b = planFolderSplit([...files].reverse());
    expect(a).toEqual(b);
    expect(a).toMatchObject({ kind: 'holdout', seed: SPLIT_SEED, fraction: HOLDOUT_FRACTION, topUp: [] });
    const held = heldSet(files, ruleOf(a));
    expect(held.size).toBe(a.heldOut);
    expect(a.train + a.heldOut).toBe(2000);
    // Binomial(2000, 0.1): mean 200, sd 13.4.
    expect(a.heldOut).toBeGreaterThan(150);
    expect(a.heldOut).toBeLessThan(250);
    // Another seed holds out other files.
    const other = heldSet(files, ruleOf(planFolderSplit(files, 99)));
    expect([...held].filter((f) => other.has(f)).length).toBeLessThan(60);
  });

  it('keeps every existing file on its side when files are added', () => {
    const before = names(300);
    const after = [...before, ...names(500, 'new'), ...names(30, 'img/sub')];
    const first = heldSet(before, ruleOf(planFolderSplit(before)));
    const second = heldSet(after, ruleOf(planFolderSplit(after)));
    expect(before.filter((f) => second.has(f))).toEqual(before.filter((f) => first.has(f)));
    // Re-applying the first run's recorded rule to the grown folder: the same, plus only new files.
    const replayed = heldSet(after, ruleOf(planFolderSplit(before)));
    expect([...replayed].filter((f) => before.includes(f)).sort()).toEqual([...first].sort());
  });

  it('holds nothing out of a tiny folder', () => {
    const split = planFolderSplit(names(MIN_FOLDER_FOR_HOLDOUT - 1));
    expect(split).toMatchObject({ kind: 'none', train: MIN_FOLDER_FOR_HOLDOUT - 1, heldOut: 0 });
    expect(split.kind === 'none' && split.reason).toMatch(/fewer than the 50/);
  });

  it('tops a small folder up to a few held-out files and records them by name', () => {
    const files = names(MIN_FOLDER_FOR_HOLDOUT);
    // A seed whose hash draw holds out fewer than MIN_HELD_OUT of these 50 files.
    const seed = Array.from({ length: 500 }, (_, s) => s).find((s) => files.filter((f) => holdoutScore(s, f) < HOLDOUT_FRACTION).length < MIN_HELD_OUT - 1);
    expect(seed).toBeDefined();
    const split = ruleOf(planFolderSplit(files, seed));
    expect(split.topUp.length).toBeGreaterThan(0);
    const held = heldSet(files, split);
    expect(held.size).toBe(MIN_HELD_OUT);
    for (const f of split.topUp) expect(held.has(f)).toBe(true);
    // The top-up is part of the recorded rule: a grown folder keeps those files out too.
    const grown = heldSet([...files, ...names(100, 'more')], split);
    for (const f of held) expect(grown.has(f)).toBe(true);
  });
});

describe('subsetSource', () => {
  it('renumbers the chosen indices and refuses others', async () => {
    const reads: number[][] = [];
    const base: ImageSource & { files: string[] } = {
      info: { name: 'x', size: 32, channels: 1, count: 10 },
      files: names(10),
      read: (indices) => {
        reads.push([...indices]);
        return Promise.resolve({ images: new Float32Array(indices.length), n: indices.length });
      },
    };
    const subset = subsetSource(base, [7, 2, 5]);
    expect(subset.info.count).toBe(3);
    expect(subset.files).toEqual([base.files[7], base.files[2], base.files[5]]);
    await subset.read([2, 0, 1, 0]);
    expect(reads).toEqual([[5, 7, 2, 7]]);
    await expect(subset.read([3])).rejects.toThrow(RangeError);
  });
});
