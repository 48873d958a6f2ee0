import * as tf from '@tensorflow/tfjs-core';
import { conv2d, conv2dTranspose, dense } from '../../core/nn/layers';
import { Params } from '../../core/nn/params';

export interface Stage1Options {
  /** Image height = width: 16, 32 or 64. */
  readonly size: number;
  readonly channels: number;
  /** |c|. */
  readonly latents: number;
  readonly seed: number;
  /** Multiplies every channel and hidden width (1: the reference architecture); beta-TCVAE-L's is above 1 (variants.ts). */
  readonly width?: number;
}

/** Channel and hidden widths of stage 1, from the image size and the width multiplier. */
export interface Stage1Layout {
  readonly encChannels: readonly number[];
  readonly hidden: number;
  /** Channels of the decoder's 4x4 map. */
  readonly mapChannels: number;
  readonly decChannels: readonly number[];
}

export function stage1Layout(options: Stage1Options): Stage1Layout {
  const n = downLayers(options.size);
  const w = options.width ?? 1;
  const scale = (c: number) => Math.max(1, Math.round(c * w));
  const mapChannels = scale(64);
  return {
    encChannels: [32, 32, 64, 64].slice(-n).map(scale),
    hidden: scale(256),
    mapChannels,
    // The last layer writes the image's channels, never scaled.
    decChannels: [...[64, 32, 32].slice(-(n - 1)).map(scale), options.channels].slice(-n),
  };
}

/** Trainable parameters of a Stage1Conv with these options, without building it (kernels + biases). */
export function stage1ParamCount(options: Stage1Options): number {
  const { encChannels, hidden, mapChannels, decChannels } = stage1Layout(options);
  const conv = (inC: number, outC: number) => 16 * inC * outC + outC;
  const dense = (inDim: number, outDim: number) => inDim * outDim + outDim;
  let total = 0;
  let inC = options.channels;
  for (const outC of encChannels) {
    total += conv(inC, outC);
    inC = outC;
  }
  total += dense(16 * inC, hidden) + dense(hidden, 2 * options.latents);
  total += dense(options.latents, hidden) + dense(hidden, 16 * mapChannels);
  let decIn = mapChannels;
  for (const outC of decChannels) {
    total += conv(decIn, outC);
    decIn = outC;
  }
  return total;
}

/** Number of stride-2 layers between the image and the 4x4 feature map. */
export function downLayers(size: number): number {
  const n = Math.log2(size / 4);
  if (!Number.isInteger(n) || n < 1) throw new Error(`image size must be 8, 16, 32 or 64, got ${size}`);
  return n;
}

/**
 * Stage 1 of MS-VAE: the beta-TCVAE's conv encoder and decoder of disentanglement_lib
 * (METHOD.md). At 64x64: conv 32,32,64,64 (k4 s2) -> dense 256 -> dense 2|c|; decoder dense
 * 256, 1024 -> 4x4x64 -> deconv 64,32,32,ch (k4 s2). Smaller images drop the first layers.
 */
export class Stage1Conv {
  readonly params: Params;
  private readonly encConvs: ((x: tf.Tensor4D) => tf.Tensor4D)[] = [];
  private readonly encFc: (x: tf.Tensor2D) => tf.Tensor2D;
  private readonly encOut: (x: tf.Tensor2D) => tf.Tensor2D;
  private readonly decFc1: (x: tf.Tensor2D) => tf.Tensor2D;
  private readonly decFc2: (x: tf.Tensor2D) => tf.Tensor2D;
  private readonly decConvs: ((x: tf.Tensor4D) => tf.Tensor4D)[] = [];
  private readonly mapChannels: number;

  constructor(readonly options: Stage1Options) {
    const p = (this.params = new Params(options.seed));
    const { encChannels, hidden, mapChannels, decChannels } = stage1Layout(options);
    this.mapChannels = mapChannels;
    let inC = options.channels;
    encChannels.forEach((outC, i) => {
      this.encConvs.push(conv2d(p, `enc/conv${i + 1}`, 4, inC, outC, 2));
      inC = outC;
    });
    this.encFc = dense(p, 'enc/fc', 4 * 4 * inC, hidden);
    this.encOut = dense(p, 'enc/out', hidden, 2 * options.latents, 1);
    this.decFc1 = dense(p, 'dec/fc1', options.latents, hidden);
    this.decFc2 = dense(p, 'dec/fc2', hidden, 4 * 4 * mapChannels);
    let decIn = mapChannels;
    decChannels.forEach((outC, i) => {
      const last = i === decChannels.length - 1;
      this.decConvs.push(conv2dTranspose(p, `dec/deconv${i + 1}`, 4, decIn, outC, 2, last ? 1 : 2));
      decIn = outC;
    });
  }

  /** x [b, s, s, ch] in [0, 1] -> mean and log-variance of q(c|x), each [b, |c|]. */
  encode(x: tf.Tensor4D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
    let h = x;
    for (const conv of this.encConvs) h = tf.relu(conv(h));
    const flat = tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D;
    const out = this.encOut(tf.relu(this.encFc(flat)));
    const [mu, logvar] = tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return { mu, logvar };
  }

  /** c [b, |c|] -> pixel logits [b, s, s, ch]. */
  decode(c: tf.Tensor2D): tf.Tensor4D {
    const h = tf.relu(this.decFc2(tf.relu(this.decFc1(c))));
    let x = tf.reshape(h, [c.shape[0], 4, 4, this.mapChannels]) as tf.Tensor4D;
    this.decConvs.forEach((deconv, i) => {
      x = deconv(x);
      if (i < this.decConvs.length - 1) x = tf.relu(x);
    });
    return x;
  }

  dispose(): void {
    this.params.dispose();
  }
}
