import { createRequire } from 'node:module';

/**
 * Node's require, for optional native packages (tfjs-node, tfjs-node-gpu) that must be
 * resolved at run time and may be absent. (The build defines import.meta.url for the CJS bundles.)
 */
export const requireModule = createRequire(import.meta.url);

/** A package's folder on disk, mapped out of an Electron asar archive where it was unpacked. */
export function packageDir(name: string): string {
  const manifest = requireModule.resolve(`${name}/package.json`);
  return manifest.slice(0, -'package.json'.length).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}
