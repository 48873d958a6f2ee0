import * as tf from '@tensorflow/tfjs-core';
import { conv2d, conv2dTranspose, filmNorm, leakyRelu } from '../../core/nn/layers';
import type { Params } from '../../core/nn/params';
import { downLayers } from './stage1-conv';

export interface Stage2Options {
  readonly size: number;
  readonly channels: number;
  readonly zDim: number;
  /** Channels of the first layer, doubled per layer down. */
  readonly width: number;
}

/** Channels per stride-2 level: width, 2w, 4w, 8w (capped at 8w), one per level. */
export function levelChannels(options: Stage2Options): number[] {
  return Array.from({ length: downLayers(options.size) }, (_, i) => options.width * 2 ** Math.min(i, 3));
}

/**
 * G(y, z): stage 2's generator. y goes down through k4 s2 convs to 4x4, then up through
 * deconvs to the image; at every layer z modulates the instance-normalised activations,
 * h = s(z) * norm(h) + m(z) (FiLM, per channel). Our choices beyond METHOD.md: U-Net skips
 * from each down level to the same-size up level, and a final 1x1 conv over h plus one over y,
 * so the layout of y reaches the output undisturbed and z only has to add the missing detail.
 * Skips are added, not concatenated: channel concat and its gradient (a channel split) were
 * the slowest kernels of the step on WASM (~0.5 s of 4.1 s at 64x64), and the up convs get
 * half the input channels.
 */
export class Stage2Generator {
  private readonly down: { conv: (x: tf.Tensor4D) => tf.Tensor4D; film: ReturnType<typeof filmNorm> }[] = [];
  private readonly up: { deconv: (x: tf.Tensor4D) => tf.Tensor4D; film: ReturnType<typeof filmNorm> }[] = [];
  private readonly out: (x: tf.Tensor4D) => tf.Tensor4D;
  private readonly outFromY: (y: tf.Tensor4D) => tf.Tensor4D;

  constructor(p: Params, readonly options: Stage2Options) {
    const levels = levelChannels(options);
    let inC = options.channels;
    levels.forEach((outC, i) => {
      this.down.push({ conv: conv2d(p, `gen/down${i + 1}`, 4, inC, outC, 2), film: filmNorm(p, `gen/down${i + 1}/film`, options.zDim, outC) });
      inC = outC;
    });
    // Up level i doubles the resolution; its output matches down level n-1-i, whose activations are added to it.
    for (let i = 0; i < levels.length; i++) {
      const from = levels.length - 1 - i;
      const outC = from > 0 ? (levels[from - 1] ?? options.width) : options.width;
      this.up.push({ deconv: conv2dTranspose(p, `gen/up${i + 1}`, 4, inC, outC, 2), film: filmNorm(p, `gen/up${i + 1}/film`, options.zDim, outC) });
      inC = outC;
    }
    this.out = conv2d(p, 'gen/out', 1, inC, options.channels, 1, 1);
    this.outFromY = conv2d(p, 'gen/out-y', 1, options.channels, options.channels, 1, 1);
  }

  /** y [b, s, s, ch] (stage 1's output, in [0, 1]), z [b, zDim] -> logits [b, s, s, ch]. */
  apply(y: tf.Tensor4D, z: tf.Tensor2D): tf.Tensor4D {
    const skips: tf.Tensor4D[] = [];
    let h = y;
    for (const level of this.down) {
      h = leakyRelu(level.film(level.conv(h), z));
      skips.push(h);
    }
    this.up.forEach((level, i) => {
      h = tf.relu(level.film(level.deconv(h), z));
      const skip = skips[skips.length - 2 - i];
      if (skip) h = tf.add(h, skip);
    });
    return tf.add(this.out(h), this.outFromY(y));
  }
}
