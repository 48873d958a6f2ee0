/**
 * Identity and same-dtype Cast for the WASM backend without a copy.
 *
 * The stock WASM kernels copy the whole buffer (the autodiff tape calls Identity for many
 * gradients, and relu's gradient casts float32 to float32): ~90 copies of up to 16 MB in one
 * 64x64 stage-2 step, about 0.1 s. TF.js buffers are immutable once written (a variable's
 * assign swaps its buffer, it never writes into one), so sharing the input's buffer with one
 * more reference is exact, as WASM's own Reshape and the CPU backend's Identity already do.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

import { inputsOf } from './kernel-scope';

function share(args: Parameters<tf.KernelFunc>[0], x: tf.TensorInfo): tf.TensorInfo {
  (args.backend as tf.KernelBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export function makeIdentityWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = inputsOf(args.inputs, 'x');
    return x.dtype === 'string' ? stock(args) : share(args, x);
  };
}

/**
 * A cast to bool is x != 0, as on every other backend. The stock kernel copies the numbers into
 * bytes (0.5 -> 0, -3 -> 253), so it is done here.
 */
function castToBool(args: Parameters<tf.KernelFunc>[0], x: tf.TensorInfo): tf.TensorInfo {
  const wasm = args.backend as unknown as BackendWasm;
  const out = wasm.makeOutput(x.shape, 'bool');
  // Views after allocating: growing the heap replaces its buffer.
  const src = wasm.typedArrayFromHeap(x);
  const dst = wasm.typedArrayFromHeap(out);
  for (let i = 0; i < src.length; i++) dst[i] = src[i] !== 0 ? 1 : 0;
  return out;
}

export function makeCastWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = inputsOf(args.inputs, 'x');
    const { dtype } = args.attrs as unknown as tf.CastAttrs;
    if (x.dtype === 'string') return stock(args);
    if (dtype === x.dtype) return share(args, x);
    return dtype === 'bool' ? castToBool(args, x) : stock(args);
  };
}
