import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** glibc's RTLD_NODELETE (Node's os.constants.dlopen leaves it out). */
const RTLD_NODELETE = 0x1000;
const RTLD_NOW = 2;
const RTLD_GLOBAL = 256;

/**
 * Dawn opens the Vulkan loader as plain `libvulkan.so.1`. A machine with a GPU driver has it;
 * a headless one with only Chromium installed (this project's CI) has Chromium's private copy,
 * beside Chromium's SwiftShader ICD, and no system one.
 *
 * When VK_ICD_FILENAMES names an ICD whose folder also holds a libvulkan.so.1 (Chromium's
 * layout), that loader is loaded first, globally and never unloaded: Dawn's later dlopen by
 * soname then finds it already in the process. Node's dlopen rejects it as "not a Node module"
 * after loading it, which is expected. Does nothing otherwise, or off Linux.
 */
export function preloadIcdVulkanLoader(env: NodeJS.ProcessEnv = process.env): string | null {
  if (process.platform !== 'linux') return null;
  const icd = env.VK_ICD_FILENAMES?.split(delimiter)[0];
  if (icd == null || icd === '') return null;
  const loader = join(dirname(icd), 'libvulkan.so.1');
  if (!existsSync(loader)) return null;
  try {
    process.dlopen({ exports: {} }, loader, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
  } catch (error) {
    if (!/did not self-register/.test(String(error))) throw error;
  }
  return loader;
}

/** Where distributions put shared libraries (NixOS: /run/opengl-driver/lib), beside LD_LIBRARY_PATH. */
const libraryDirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/lib64', '/lib', '/usr/local/lib', '/run/opengl-driver/lib'];

/**
 * Whether Dawn will find a Vulkan loader on Linux (always true elsewhere: Metal, D3D12). Asked
 * before Dawn starts because without one Dawn prints a multi-line native warning to stderr in
 * every compute process (a CLI line that reads like a crash) and then finds no adapter anyway.
 * The loader cache is searched as bytes: it lists every library ldconfig knows by its soname.
 */
export function hasVulkanLoader(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform !== 'linux') return true;
  const dirs = [...(env.LD_LIBRARY_PATH ?? '').split(delimiter).filter((d) => d !== ''), ...libraryDirs];
  if (dirs.some((dir) => existsSync(join(dir, 'libvulkan.so.1')))) return true;
  try {
    return readFileSync('/etc/ld.so.cache').includes('libvulkan.so.1');
  } catch {
    return false;
  }
}
