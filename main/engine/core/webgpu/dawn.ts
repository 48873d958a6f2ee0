import { pathToFileURL } from 'node:url';

import { packageDir } from '../load-module';
import { ensureRuntimeDir } from './runtime-dir';
import { hasVulkanLoader, preloadIcdVulkanLoader } from './vulkan-loader';

/**
 * Loads Dawn's Node binding (npm `webgpu`) and exposes it as `navigator.gpu`, the way a browser
 * does, for @tensorflow/tfjs-backend-webgpu.
 *
 * The package stays outside the bundles: it is ESM with a native `dist/<platform>-<arch>/dawn.node`
 * beside it, so it is imported by file URL at run time from its folder, which packageDir maps to
 * app.asar.unpacked in the packaged app (electron-builder.yml unpacks node_modules/webgpu).
 */

interface DawnModule {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

let loaded: Promise<GPU> | undefined;

/** Dawn's GPU object, loaded once per process; rejects when the binding cannot load here. */
export function loadDawnGpu(): Promise<GPU> {
  loaded ??= (async () => {
    ensureRuntimeDir();
    if (preloadIcdVulkanLoader() == null && !hasVulkanLoader()) throw new Error('no Vulkan loader (libvulkan.so.1) on this machine: install the GPU driver\'s Vulkan support');
    const url = pathToFileURL(`${packageDir('webgpu')}index.js`).href;
    const dawn = (await import(/* @vite-ignore */ url)) as DawnModule;
    // GPUBufferUsage, GPUMapMode, ...: the WebGPU backend reads them as globals.
    Object.assign(globalThis, dawn.globals);
    const gpu = dawn.create([]);
    const holder = globalThis as { navigator?: { gpu?: GPU } };
    if (holder.navigator == null) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
    Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true });
    return gpu;
  })();
  return loaded;
}
