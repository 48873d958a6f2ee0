/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs-core';
// The kernels register at import; the backend itself we register below, on Dawn's adapter.
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

import type { AdapterReport } from '../../../../shared/compute-protocol';
import { describeAdapter } from '../../../../shared/compute-protocol';
import { adapterInfo, adapterReport } from './adapter';
import { loadDawnGpu } from './dawn';

export const WEBGPU = 'webgpu';

let started: { adapter: AdapterReport } | undefined;

/** The ladder's rule, also when the backend was started earlier in this process by name. */
function refuseSoftware(report: AdapterReport, forced: boolean): AdapterReport {
  if (report.software && !forced) throw new Error(`only a software adapter: ${describeAdapter(report)}; choose webgpu to use it anyway`);
  return report;
}

/**
 * Makes TF.js's 'webgpu' backend available on Dawn's high-performance adapter and returns that
 * adapter. Throws (a reason for the ladder's log) when Dawn has no adapter, or when the adapter
 * is software and webgpu was not asked for by name.
 *
 * The package's own registration only runs when navigator.gpu exists at import time, which in
 * Node it never does (Dawn loads asynchronously), so the factory is registered here instead, with
 * the same device limits the package asks for.
 */
export async function startWebGpuBackend(forced: boolean): Promise<AdapterReport> {
  if (started != null) return refuseSoftware(started.adapter, forced);
  const gpu = await loadDawnGpu();
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter == null) throw new Error('Dawn found no WebGPU adapter (no Vulkan, Metal or D3D12 driver)');
  const report = refuseSoftware(adapterReport(adapter), forced);
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
    requiredLimits: {
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  tf.registerBackend(WEBGPU, () => new WebGPUBackend(device, adapterInfo(adapter) as unknown as GPUAdapterInfo));
  started = { adapter: report };
  return report;
}
