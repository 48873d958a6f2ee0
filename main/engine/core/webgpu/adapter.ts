/// <reference types="@webgpu/types" />
import type { AdapterReport } from '../../../../shared/compute-protocol';

/**
 * Which GPU Dawn offers, and whether it is real hardware. A software adapter (SwiftShader, or
 * anything Dawn marks as a fallback) computes on the CPU far slower than our WASM kernels: the
 * ladder never picks one on its own, only when webgpu is forced (tests, CI, a user's choice).
 */

/** GPUAdapterInfo as Dawn has it (@webgpu/types here predates adapter.info). */
export interface DawnAdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter?: boolean;
}

export function adapterInfo(adapter: GPUAdapter): DawnAdapterInfo {
  return (adapter as unknown as { info: DawnAdapterInfo }).info;
}

export function adapterReport(adapter: GPUAdapter): AdapterReport {
  const info = adapterInfo(adapter);
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description,
    software: isSoftwareAdapter(adapter),
  };
}

function isSoftwareAdapter(adapter: GPUAdapter): boolean {
  const info = adapterInfo(adapter);
  // adapter.isFallbackAdapter is deprecated in favour of info.isFallbackAdapter; read both.
  if ((adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter === true || info.isFallbackAdapter === true) return true;
  const names = `${info.architecture} ${info.description} ${info.device}`.toLowerCase();
  return /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/.test(names);
}
