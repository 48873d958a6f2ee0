import { existsSync } from 'node:fs';

/** Debian's chromium package ships SwiftShader (Vulkan on the CPU) and its ICD file. */
const CHROMIUM_SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * Points the Vulkan loader at SwiftShader for this process and the compute processes it starts,
 * unless VK_ICD_FILENAMES is already set. Returns the ICD in use, or null when there is none:
 * the webgpu tests then skip, saying so.
 */
export function useSwiftShader(): string | null {
  if (process.env.VK_ICD_FILENAMES) return process.env.VK_ICD_FILENAMES;
  if (!existsSync(CHROMIUM_SWIFTSHADER_ICD)) return null;
  process.env.VK_ICD_FILENAMES = CHROMIUM_SWIFTSHADER_ICD;
  return CHROMIUM_SWIFTSHADER_ICD;
}
