/// <reference types="@webgpu/types" />
import type { AdapterReport } from '../../../../shared/compute-protocol';

/**
 * Which GPU Dawn offers, and whether it is real hardware. A software adapter (SwiftShader, or
 * anything Dawn marks as a fallback) computes on the CPU far slower than our WASM kernels: the
 * ladder never picks one on its own, only when webgpu is forced (tests, CI, a user's choice).
 */

export function adapterReport(adapter: GPUAdapter): AdapterReport {
  const info = adapter.info;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description,
    software: isSoftwareAdapter(adapter),
  };
}

function isSoftwareAdapter(adapter: GPUAdapter): boolean {
  // isFallbackAdapter is deprecated in the spec in favour of info.isFallbackAdapter; read both.
  const flags = adapter as unknown as { isFallbackAdapter?: boolean; info: { isFallbackAdapter?: boolean } };
  if (flags.isFallbackAdapter === true || flags.info.isFallbackAdapter === true) return true;
  const names = `${adapter.info.architecture} ${adapter.info.description} ${adapter.info.device}`.toLowerCase();
  return /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/.test(names);
}

/** One line for the run's log and the CLI: "NVIDIA ampere (NVIDIA GeForce RTX 3080)". */
export function describeAdapter(adapter: AdapterReport): string {
  const name = [adapter.vendor, adapter.architecture].filter((part) => part !== '').join(' ') || 'unknown adapter';
  const detail = adapter.description !== '' ? ` (${adapter.description})` : '';
  return `${name}${detail}${adapter.software ? ', software' : ''}`;
}
