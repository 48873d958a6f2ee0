import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Gradients are registered separately from the ops (the umbrella @tensorflow/tfjs package does this).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { AdapterReport, BackendName, BackendReport } from '../../../shared/compute-protocol';
import { backendLadder } from '../../../shared/compute-protocol';
import { packageDir, requireModule } from './load-module';
import { registerWasmTrainingKernels } from './wasm/register-kernels';
import { startWebGpuBackend } from './webgpu/start-backend';

/**
 * The backend ladder: CUDA (tfjs-node-gpu), WebGPU on a hardware adapter (Dawn: Vulkan, Metal,
 * D3D12), native CPU (tfjs-node), WebAssembly, plain JS. The first that loads and passes a tiny
 * self-check wins. Native packages are optional dependencies: absent on machines where their
 * install could not fetch libtensorflow.
 */

interface Loaded {
  /** The name TF.js knows the backend by. */
  readonly tfName: string;
  readonly adapter?: AdapterReport;
}

/** Each loader makes its backend available to tf.setBackend; `forced`: asked for by name. */
const loaders: Record<BackendName, (forced: boolean) => Loaded | Promise<Loaded>> = {
  'tensorflow-gpu': () => {
    requireModule('@tensorflow/tfjs-node-gpu');
    return { tfName: 'tensorflow' };
  },
  webgpu: async (forced) => {
    // The stock webgpu kernels pass every check our steps need (test/engine/webgpu): no replacements.
    const adapter = await startWebGpuBackend(forced);
    return { tfName: 'webgpu', adapter };
  },
  tensorflow: () => {
    requireModule('@tensorflow/tfjs-node');
    return { tfName: 'tensorflow' };
  },
  wasm: () => {
    setWasmPaths(`${packageDir('@tensorflow/tfjs-backend-wasm')}dist/`);
    // Stock WASM cannot train conv models (no Conv2DBackpropFilter) and is slow at the rest.
    registerWasmTrainingKernels();
    return { tfName: 'wasm' };
  },
  cpu: () => ({ tfName: 'cpu' }),
};

/**
 * A forward and a backward pass with known answers: a backend that loads but computes wrong is
 * skipped. Read back asynchronously: webgpu in Node has no synchronous readback.
 */
async function selfCheck(): Promise<void> {
  const [p, g] = tf.tidy(() => [
    tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])),
    tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([3])),
  ]);
  const [product, gradient] = await Promise.all([p.data(), g.data()]);
  tf.dispose([p, g]);
  if (product[0] !== 17 || product[1] !== 39 || gradient[0] !== 6) {
    throw new Error(`self-check computed [${String(product)}] and [${String(gradient)}]`);
  }
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Cannot find module/.test(message)) return 'not installed';
  return message.split('\n')[0] ?? message;
}

/**
 * Picks the backend: `force` tries only that one; otherwise the ladder from the top.
 * Throws if nothing works (cannot happen unless the plain CPU backend is broken).
 */
export async function selectBackend(force?: BackendName): Promise<BackendReport> {
  const started = performance.now();
  const skipped: { name: BackendName; reason: string }[] = [];
  const candidates = force ? [force] : backendLadder;
  for (const name of candidates) {
    try {
      const { tfName, adapter } = await loaders[name](force === name);
      if (!(await tf.setBackend(tfName))) throw new Error('failed to initialise');
      await tf.ready();
      await selfCheck();
      const initMs = Math.round(performance.now() - started);
      return adapter != null ? { name, skipped, initMs, adapter } : { name, skipped, initMs };
    } catch (error) {
      skipped.push({ name, reason: reasonOf(error) });
    }
  }
  throw new Error(`No TF.js backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}
