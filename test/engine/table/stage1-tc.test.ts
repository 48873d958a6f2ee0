/**
 * Stage 1's TC term on a large batch: taken over the batch's first TC_ROWS rows (the MWS estimate
 * is quadratic in its rows), not the whole batch, while recon and KL keep every row.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';

import { totalCorrelationMws } from '../../../main/engine/core/losses/beta-tcvae';
import { reparameterize } from '../../../main/engine/core/nn/reparameterize';
import { TabularMsVae } from '../../../main/engine/table/model/model';
import { SpanLayout } from '../../../main/engine/table/model/span-layout';
import { TC_ROWS, tabularStage1Loss } from '../../../main/engine/table/model/steps';
import { tabularModelConfigSchema } from '../../../shared/tabular-config';

describe('tabular stage 1 on a large batch', () => {
  it(`estimates TC on the first ${TC_ROWS} rows and recon on all of them`, async () => {
    await tf.setBackend('cpu');
    const width = 6;
    const layout = new SpanLayout(Array.from({ length: width }, (_, i) => ({ column: `x${i}`, kind: 'numeric' as const, start: i, width: 1 })), width);
    const config = tabularModelConfigSchema.parse({ data: 'x', hidden: 16, latents: 3, batch: 320 });
    const model = new TabularMsVae(config, layout);
    const x = tf.randomNormal([320, width], 0, 1, 'float32', 4) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const [ours, first, whole] = tf.tidy(() => {
      const { terms } = tabularStage1Loss(model, config, 8000, x, 17);
      const { mu, logvar } = model.encode(x);
      const c = reparameterize(mu, logvar, 17);
      const head = (t: tf.Tensor2D) => tf.slice(t, [0, 0], [TC_ROWS, 3]);
      return [terms['tc']!.dataSync()[0]!, totalCorrelationMws(head(c), head(mu), head(logvar), 8000).dataSync()[0]!, totalCorrelationMws(c, mu, logvar, 8000).dataSync()[0]!];
    });
    expect(ours).toBeCloseTo(first, 4);
    expect(Math.abs(ours - whole)).toBeGreaterThan(1e-3);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });
});
