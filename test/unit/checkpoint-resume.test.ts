import * as tf from '@tensorflow/tfjs-core';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../main/engine/core/backend';
import { checkpointsDir, latestCheckpointDir, resumeFromLatest, saveCheckpoint } from '../../main/engine/core/checkpoint';
import { latestCheckpointStep } from '../../main/engine/core/model-files';
import { Params } from '../../main/engine/core/nn/params';
import { tempDirs } from '../helpers/temp-dir';

/** One weight filled with `value`: which checkpoint was loaded reads straight off it. */
function paramsOf(value: number): Params {
  const params = new Params(1);
  params.zeros('w', [4]);
  params.get('w').assign(tf.fill([4], value));
  return params;
}

async function save(runDir: string, step: number): Promise<void> {
  const params = paramsOf(step);
  await saveCheckpoint(runDir, { test: true }, { model: params }, {}, { step, savedAt: Date.now() }, 'test');
  params.dispose();
}

/** Resumes into a fresh model; returns the step and the weight value it now holds. */
async function resume(runDir: string): Promise<{ step: number; value: number }> {
  const params = paramsOf(-1);
  const step = await resumeFromLatest(runDir, { model: params }, {});
  const value = params.get('w').dataSync()[0] ?? NaN;
  params.dispose();
  return { step, value };
}

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('resume after a damaged latest.json or checkpoint', () => {
  const dirs = tempDirs();
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterEach(() => dirs.removeAll());

  it('a corrupt latest.json resumes from the newest whole checkpoint, not step 0', async () => {
    const runDir = dirs.make();
    await save(runDir, 5);
    await save(runDir, 10);
    writeFileSync(path.join(checkpointsDir(runDir), 'latest.json'), '{"dir": "ckpt-00');
    expect(await resume(runDir)).toEqual({ step: 10, value: 10 });
    expect(latestCheckpointDir(runDir)).toBe(path.join(checkpointsDir(runDir), 'ckpt-0000010'));
    // The export's card reads the step from the same folder the model is copied from.
    expect(latestCheckpointStep(runDir)).toBe(10);
  });

  it('a latest.json naming a folder that is gone, or no latest.json at all, also finds the newest checkpoint', async () => {
    const runDir = dirs.make();
    await save(runDir, 5);
    await save(runDir, 10);
    writeFileSync(path.join(checkpointsDir(runDir), 'latest.json'), JSON.stringify({ dir: 'ckpt-0000099', step: 99 }));
    expect(await resume(runDir)).toEqual({ step: 10, value: 10 });
    writeFileSync(path.join(checkpointsDir(runDir), 'latest.json'), JSON.stringify({ dir: '../../elsewhere', step: 1 }));
    expect(await resume(runDir)).toEqual({ step: 10, value: 10 });
  });

  it('a checkpoint whose weights are truncated gives way to the one before it', async () => {
    const runDir = dirs.make();
    await save(runDir, 5);
    await save(runDir, 10);
    truncateSync(path.join(checkpointsDir(runDir), 'ckpt-0000010', 'weights.bin'), 3);
    expect(await resume(runDir)).toEqual({ step: 5, value: 5 });
  });

  it('a run folder with no checkpoint still starts at step 0', async () => {
    expect(await resume(dirs.make())).toEqual({ step: 0, value: -1 });
  });
});

describe('the checkpoint sweep leaves other live writers alone', () => {
  const dirs = tempDirs();
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(() => {
    sleeper.kill();
    dirs.removeAll();
  });

  it("removes a dead writer's temporary and half-deleted folders, keeps a live one's", async () => {
    const runDir = dirs.make();
    const root = checkpointsDir(runDir);
    const live = `.ckpt-0000003.${sleeper.pid}.tmp`;
    const dead = `.ckpt-0000004.${deadPid()}.tmp`;
    const deadDeleting = `.ckpt-0000001.${deadPid()}.deleting`;
    const legacy = '.ckpt-0000002.deleting';
    for (const name of [live, dead, deadDeleting, legacy]) {
      mkdirSync(path.join(root, name), { recursive: true });
      writeFileSync(path.join(root, name, 'weights.bin'), 'partial');
    }
    // A pointer killed between its temporary write and the rename (writeFileAtomic), dead and live.
    const deadPointer = `.latest.json.${deadPid()}.tmp`;
    const livePointer = `.latest.json.${sleeper.pid}.tmp`;
    for (const name of [deadPointer, livePointer]) writeFileSync(path.join(root, name), '{"dir":"ckpt-00');
    await save(runDir, 6);
    const left = readdirSync(root);
    expect(left).toContain(live);
    expect(left).toContain(livePointer);
    expect(existsSync(path.join(root, live, 'weights.bin'))).toBe(true);
    for (const name of [dead, deadDeleting, legacy, deadPointer]) expect(left).not.toContain(name);
    expect(left).toContain('ckpt-0000006');
  });
});
