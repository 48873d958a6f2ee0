/**
 * Entry of a replica thread (worker_threads) of the compute process: its own TF.js engine on
 * its own core, the same model as the coordinator, and gradients for its share of each batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { parentPort } from 'node:worker_threads';
import { selectBackend } from '../../core/backend';
import { bernoulliNll, gaussianNll } from '../../core/losses/terms';
import { stage2VaeLoss } from '../losses/stage2';
import { ImageMsVae } from '../models/image-ms-vae';
import { assignFlat, flattenGrads } from './flat';
import type { FromReplica, ToReplica } from './protocol';


const port = parentPort;
if (!port) throw new Error('replica.cjs runs as a worker thread');

let model: ImageMsVae | undefined;
let pendingX: tf.Tensor4D | undefined;

function post(message: FromReplica, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

function need(): ImageMsVae {
  if (!model) throw new Error('replica not initialised');
  return model;
}

async function handle(message: ToReplica): Promise<void> {
  switch (message.type) {
    case 'init': {
      const backend = await selectBackend('wasm');
      model = new ImageMsVae(message.config);
      post({ type: 'ready', backend: backend.name });
      return;
    }
    case 'encode': {
      const m = need();
      const { imageSize: s, channels } = m.config;
      assignFlat(m.stage1.params, message.stage1);
      pendingX?.dispose();
      pendingX = tf.tensor4d(message.x, [message.n, s, s, channels]);
      const x = pendingX;
      const [mu, logvar] = tf.tidy(() => {
        const out = m.stage1.encode(x);
        return [out.mu, out.logvar];
      });
      const muData = (await mu.data()) as Float32Array;
      const logvarData = (await logvar.data()) as Float32Array;
      tf.dispose([mu, logvar]);
      post({ type: 'encoded', mu: muData, logvar: logvarData });
      return;
    }
    case 'stage1-grads': {
      const m = need();
      const x = pendingX;
      if (!x) throw new Error('stage1-grads before encode');
      const n = x.shape[0];
      const d = m.config.latents;
      let reconSum = 0;
      const grads = tf.tidy(() => {
        const eps = tf.tensor2d(message.eps, [n, d]);
        const gMu = tf.tensor2d(message.gMu, [n, d]);
        const gLogvar = tf.tensor2d(message.gLogvar, [n, d]);
        const gC = tf.tensor2d(message.gC, [n, d]);
        let kept: tf.Scalar | undefined;
        const { grads: g } = tf.variableGrads(() => {
          const { mu, logvar } = m.stage1.encode(x);
          const c = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)) as tf.Tensor2D;
          const logits = m.stage1.decode(c);
          // recon of this share, divided by the whole batch's size as the full loss does.
          const recon = tf.mul(m.config.likelihood === 'bernoulli' ? bernoulliNll(x, logits) : gaussianNll(x, logits), n / message.batchTotal);
          kept = tf.keep(recon.clone() as tf.Scalar);
          const pull = tf.add(tf.add(tf.sum(tf.mul(gMu, mu)), tf.sum(tf.mul(gLogvar, logvar))), tf.sum(tf.mul(gC, c)));
          return tf.add(recon, pull) as tf.Scalar;
        }, m.stage1.params.list());
        if (kept) {
          reconSum = kept.dataSync()[0] ?? Number.NaN;
          kept.dispose();
        }
        return g;
      });
      const flat = await flattenGrads(m.stage1.params, grads);
      tf.dispose(Object.values(grads));
      post({ type: 'grads', grads: flat, sums: { recon: reconSum } }, [flat.buffer as ArrayBuffer]);
      return;
    }
    case 'stage2-grads': {
      const m = need();
      const { imageSize: s, channels, latents, zDim } = m.config;
      if (message.stage1) assignFlat(m.stage1.params, message.stage1);
      assignFlat(m.stage2Params, message.stage2);
      const n = message.n;
      const sums: Record<string, number> = {};
      const grads = tf.tidy(() => {
        const x = tf.tensor4d(message.x, [n, s, s, channels]);
        const { mu: mu1, logvar } = m.stage1.encode(x);
        const c = m.config.yMode === 'mean' ? mu1 : tf.add(mu1, tf.mul(tf.exp(tf.mul(logvar, 0.5)), tf.tensor2d(message.epsC, [n, latents])));
        const y = m.stage1Output(c as tf.Tensor2D);
        const epsZ = tf.tensor2d(message.epsZ, [n, zDim]);
        let kept: tf.Tensor1D | undefined;
        const { grads: g } = tf.variableGrads(() => {
          const { mu, sigma } = m.encoder2.encode(tf.sub(x, y));
          const z = tf.add(mu, tf.mul(sigma, epsZ)) as tf.Tensor2D;
          const { total, terms } = stage2VaeLoss(x, m.generator.apply(y, z), mu, sigma, m.config.likelihood);
          const scale = n / message.batchTotal;
          kept = tf.keep(tf.mul(tf.stack([terms['recon'] as tf.Scalar, terms['kl'] as tf.Scalar]), scale) as tf.Tensor1D);
          return tf.mul(total, scale) as tf.Scalar;
        }, m.stage2Params.list());
        if (kept) {
          const [recon, kl] = kept.dataSync();
          sums['recon'] = recon ?? Number.NaN;
          sums['kl'] = kl ?? Number.NaN;
          kept.dispose();
        }
        return g;
      });
      const flat = await flattenGrads(m.stage2Params, grads);
      tf.dispose(Object.values(grads));
      post({ type: 'grads', grads: flat, sums }, [flat.buffer as ArrayBuffer]);
      return;
    }
    case 'close':
      pendingX?.dispose();
      model?.dispose();
      port?.close();
      return;
  }
}

// Messages are handled one at a time, in order.
let queue = Promise.resolve();
port.on('message', (message: ToReplica) => {
  queue = queue.then(() => handle(message)).catch((error: unknown) => post({ type: 'error', message: (error as Error).message }));
});
