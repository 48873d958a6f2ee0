import { accessSync, constants, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Dawn's Vulkan loader reads XDG_RUNTIME_DIR and prints "XDG_RUNTIME_DIR is invalid" to stderr
 * when it is unset or not a writable folder (headless servers, CI, Electron's utility process).
 * Points it at a private temporary folder in that case, before Dawn starts.
 */
export function ensureRuntimeDir(env: NodeJS.ProcessEnv = process.env): void {
  if (process.platform === 'win32' || process.platform === 'darwin') return;
  const current = env.XDG_RUNTIME_DIR;
  if (current != null && current !== '' && writableFolder(current)) return;
  env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'factor-studio-xdg-'));
}

function writableFolder(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
