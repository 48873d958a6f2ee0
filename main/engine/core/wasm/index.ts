/** WASM training support: extra/faster kernels for backend 'wasm'. */
export {
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
  WASM_TRAINING_KERNELS,
  wasmTrainingKernelsRegistered,
} from './register-kernels';
export type { WasmTrainingKernel } from './register-kernels';
