import * as tf from '@tensorflow/tfjs-core';
import { withFixedFactors } from '../../core/nn/fixed-factors';
import { seededRandom } from '../../core/random';
import type { TabularMsVae } from './model';

/**
 * Synthetic rows in encoded space, activated (probabilities for categories and missing
 * flags), ready for TableEncoder.decode:
 *   stage 1:      c ~ N(0, I), c_k fixed where asked -> y
 *   stage 2 vae:  z ~ N(0, I) -> activate(G(y, z))
 *   stage 2 gmm:  k ~ pi(y), r ~ N(mu_k(y), sigma_k(y)) -> y + r
 *   stage 2 flow: u ~ N(0, I), r = flow^-1(u; y) -> y + r
 */
export async function sampleEncodedRows(model: TabularMsVae, n: number, seed: number, fix: Readonly<Record<number, number>>, stage: 1 | 2): Promise<Float32Array> {
  const { latents, zDim, mixtures } = model.config;
  const w = model.layout.width;
  const flow = model.flow;
  if (stage === 2 && flow) {
    const out = tf.tidy(() => {
      const y = model.stage1Output(withFixedFactors(tf.randomNormal([n, latents], 0, 1, 'float32', seed) as tf.Tensor2D, fix));
      return tf.add(y, flow.invert(tf.randomNormal([n, w], 0, 1, 'float32', seed + 1) as tf.Tensor2D, y));
    });
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  }
  if (stage === 1 || model.config.stage2 !== 'gmm') {
    const out = tf.tidy(() => {
      const c = withFixedFactors(tf.randomNormal([n, latents], 0, 1, 'float32', seed) as tf.Tensor2D, fix);
      const y = model.stage1Output(c);
      if (stage === 1) return y;
      return model.layout.activate(model.generateRaw(y, tf.randomNormal([n, zDim], 0, 1, 'float32', seed + 1) as tf.Tensor2D));
    });
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  }
  // Mixture stage 2: draw the component per row on the CPU (seeded), then the Gaussian residual.
  const [yT, logitsT, meansT, logSigmasT] = tf.tidy(() => {
    const c = withFixedFactors(tf.randomNormal([n, latents], 0, 1, 'float32', seed) as tf.Tensor2D, fix);
    const y = model.stage1Output(c);
    const { logits, means, logSigmas } = model.mixture(y);
    return [y, tf.softmax(logits), means, logSigmas];
  });
  const [y, probs, means, logSigmas] = (await Promise.all([yT, logitsT, meansT, logSigmasT].map((t) => t.data()))) as Float32Array[];
  tf.dispose([yT, logitsT, meansT, logSigmasT]);
  const random = seededRandom(seed + 2);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const out = new Float32Array(n * w);
  for (let i = 0; i < n; i++) {
    let u = random();
    let k = 0;
    for (; k < mixtures - 1; k++) {
      u -= probs?.[i * mixtures + k] ?? 0;
      if (u <= 0) break;
    }
    for (let j = 0; j < w; j++) {
      const at = (i * mixtures + k) * w + j;
      out[i * w + j] = (y?.[i * w + j] ?? 0) + (means?.[at] ?? 0) + Math.exp(logSigmas?.[at] ?? 0) * gauss();
    }
  }
  return out;
}
