import * as tf from '@tensorflow/tfjs-core';
import { conv2d, dense, leakyRelu } from '../../core/nn/layers';
import type { Params } from '../../core/nn/params';
import { levelChannels, type Stage2Options } from './stage2-generator';

/**
 * MS-GAN's discriminator: sees an image together with the stage-1 output it should match,
 * concat(image, y) (2 or 6 channels), so it judges detail given the factors (METHOD.md).
 */
export class Stage2Discriminator {
  private readonly convs: ((x: tf.Tensor4D) => tf.Tensor4D)[] = [];
  private readonly out: (x: tf.Tensor2D) => tf.Tensor2D;

  constructor(p: Params, readonly options: Stage2Options) {
    let inC = options.channels * 2;
    levelChannels(options).forEach((outC, i) => {
      this.convs.push(conv2d(p, `disc/conv${i + 1}`, 4, inC, outC, 2));
      inC = outC;
    });
    this.out = dense(p, 'disc/out', 16 * inC, 1, 1);
  }

  /** image, y [b, s, s, ch] -> real/fake logit [b, 1]. */
  apply(image: tf.Tensor4D, y: tf.Tensor4D): tf.Tensor2D {
    let h = tf.concat([image, y], 3);
    for (const conv of this.convs) h = leakyRelu(conv(h));
    return this.out(tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D);
  }
}
