/**
 * Without a Vulkan loader Dawn prints a native warning with a C++ frame in every compute
 * process; the ladder asks first and skips webgpu quietly, with the reason.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasVulkanLoader } from '../../../main/engine/core/webgpu/vulkan-loader';

describe.skipIf(process.platform !== 'linux')('the Vulkan loader probe (Linux)', () => {
  it('finds a loader in a folder on LD_LIBRARY_PATH', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vulkan-'));
    try {
      expect(hasVulkanLoader({ LD_LIBRARY_PATH: dir })).toBe(hasVulkanLoader({}));
      writeFileSync(path.join(dir, 'libvulkan.so.1'), '');
      expect(hasVulkanLoader({ LD_LIBRARY_PATH: `/nowhere${path.delimiter}${dir}` })).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
