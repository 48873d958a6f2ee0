/**
 * Each model kind's real training step on webgpu (SwiftShader here and in CI) against cpu, from
 * the same seeded weights and batch: the loss terms, and the update under plain SGD (which is
 * -lr x the gradient, so every parameter's gradient is compared), within 1e-4 relative error.
 * A second step leaves tf.memory().numTensors unchanged.
 *
 * A parameter whose true gradient is zero (a bias feeding an instance norm, which removes any
 * per-channel shift) gets float noise on both backends, which no relative error can compare:
 * where cpu's update is below ZERO_GRADIENT of the step's largest, webgpu's must be too.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { tabularModelConfigSchema } from '../../../shared/tabular-config';
import type { Params } from '../../../main/engine/core/nn/params';
import type { StepResult } from '../../../main/engine/core/train-step';
import { ImageMsVae } from '../../../main/engine/image/models/image-ms-vae';
import { stepRegistry } from '../../../main/engine/image/training/steps';
import { TabularMsVae } from '../../../main/engine/table/model/model';
import { SpanLayout } from '../../../main/engine/table/model/span-layout';
import { tabularStage1Step, tabularStage2Step } from '../../../main/engine/table/model/steps';
import { tinyConfig, tinySource } from '../image/training/helpers';
import { randomValues, relativeError, startWebGpu, TOLERANCE } from './helpers';

const { report, reason } = await startWebGpu();

interface Kind {
  readonly name: string;
  /** Builds the model, its data and its step (plain SGD) on the current backend. */
  build(): Promise<{ params: Params[]; step: (i: number) => StepResult; dispose: () => void }>;
}

const ZERO_GRADIENT = 1e-5;

const sgdFor = (names: string[]) => Object.fromEntries(names.map((n) => [n, tf.train.sgd(0.5)]));

function imageKind(stepName: keyof typeof stepRegistry): Kind {
  return {
    name: `image ${stepName}`,
    async build() {
      const config = tinyConfig({ batch: 2, latents: 3, zDim: 3, stage2Width: 4, stage2: stepName === 'stage2/gan' ? 'gan' : 'vae' });
      const model = new ImageMsVae(config);
      const optimizers = sgdFor(['stage1', 'stage2', 'disc']);
      const batch = await tinySource().read([0, 5]);
      const x = tf.tensor4d(batch.images, [2, 32, 32, 1]);
      const run = stepRegistry[stepName](model, config, 512, optimizers);
      const params = stepName === 'stage1/beta-tcvae' ? [model.stage1.params] : [model.stage2Params, ...(model.discParams ? [model.discParams] : [])];
      return { params, step: (i) => run(x, i), dispose: () => (x.dispose(), model.dispose(), Object.values(optimizers).forEach((o) => o.dispose())) };
    },
  };
}

/** Two numeric columns, a 3-way categorical and a missing flag: every recon term. */
const layout = new SpanLayout(
  [
    { column: 'a', kind: 'numeric', start: 0, width: 1 },
    { column: 'b', kind: 'numeric', start: 1, width: 1 },
    { column: 'c', kind: 'categorical', start: 2, width: 3 },
    { column: 'b', kind: 'missing', start: 5, width: 1 },
  ],
  6,
);

function tableRows(rows: number): tf.Tensor2D {
  const v = randomValues(rows * 6, 21);
  for (let r = 0; r < rows; r++) {
    const hot = Math.floor(((v[r * 6 + 2]! + 1) / 2) * 2.999);
    for (let k = 0; k < 3; k++) v[r * 6 + 2 + k] = k === hot ? 1 : 0;
    v[r * 6 + 5] = v[r * 6 + 5]! > 0.5 ? 1 : 0;
  }
  return tf.tensor2d(v, [rows, 6]);
}

function tableKind(stage: 1 | 2, stage2: 'flow' | 'vae' | 'gmm'): Kind {
  return {
    name: stage === 1 ? 'table stage 1' : `table stage 2 ${stage2}`,
    async build() {
      const config = tabularModelConfigSchema.parse({ data: 'test', latents: 3, hidden: 16, batch: 13, stage2 });
      const model = new TabularMsVae(config, layout);
      const optimizers = sgdFor(['stage1', 'stage2']);
      const x = tableRows(13);
      const run = (stage === 1 ? tabularStage1Step : tabularStage2Step)(model, config, 500, optimizers[stage === 1 ? 'stage1' : 'stage2']!);
      return { params: [stage === 1 ? model.stage1 : model.stage2], step: (i) => run(x, i), dispose: () => (x.dispose(), model.dispose(), Object.values(optimizers).forEach((o) => o.dispose())) };
    },
  };
}

const kinds: Kind[] = [
  imageKind('stage1/beta-tcvae'),
  imageKind('stage2/vae'),
  imageKind('stage2/gan'),
  tableKind(1, 'flow'),
  tableKind(2, 'flow'),
  tableKind(2, 'vae'),
  tableKind(2, 'gmm'),
];

async function valuesOf(params: Params[]): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const [i, p] of params.entries()) for (const [name, v] of p.entries()) out.set(`${i}/${name}`, Float32Array.from((await v.data()) as Float32Array));
  return out;
}

/**
 * One SGD step on `backend`: the loss terms and each parameter's update (after - before); on
 * webgpu then a second step, with the tensors it left behind (cpu is slow at conv gradients).
 */
async function sgdStepOn(backend: 'cpu' | 'webgpu', kind: Kind): Promise<{ losses: Float32Array; updates: Map<string, Float32Array>; leaked: number }> {
  await tf.setBackend(backend);
  const built = await kind.build();
  try {
    const before = await valuesOf(built.params);
    const result = built.step(0);
    const losses = (await result.values.data()) as Float32Array;
    result.values.dispose();
    const after = await valuesOf(built.params);
    const updates = new Map([...after].map(([name, v]) => [name, v.map((value, i) => value - before.get(name)![i]!)]));
    if (backend === 'cpu') return { losses, updates, leaked: 0 };
    const tensors = tf.memory().numTensors;
    built.step(1).values.dispose();
    return { losses, updates, leaked: tf.memory().numTensors - tensors };
  } finally {
    built.dispose();
  }
}

const largest = (values: Iterable<Float32Array>) => Math.max(...[...values].map((v) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0)));

describe.skipIf(report == null)(`training steps on webgpu${report == null ? ` (skipped: ${reason})` : ''}`, () => {
  for (const kind of kinds) {
    it(`${kind.name}: the same loss terms and gradients as cpu, and no tensor left behind per step`, { timeout: 300_000 }, async () => {
      const cpu = await sgdStepOn('cpu', kind);
      const gpu = await sgdStepOn('webgpu', kind);
      expect(relativeError(gpu.losses, cpu.losses), 'loss terms').toBeLessThan(TOLERANCE);
      expect([...gpu.updates.keys()]).toEqual([...cpu.updates.keys()]);
      const zero = ZERO_GRADIENT * largest(cpu.updates.values());
      expect(zero, 'some parameter moved').toBeGreaterThan(0);
      for (const [name, expected] of cpu.updates) {
        const actual = gpu.updates.get(name)!;
        if (largest([expected]) < zero) expect(largest([actual]), `${name} (zero gradient)`).toBeLessThan(zero);
        else expect(relativeError(actual, expected), name).toBeLessThan(TOLERANCE);
      }
      expect(gpu.leaked, 'tensors left by a webgpu step').toBe(0);
    });
  }
});
