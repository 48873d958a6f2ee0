// Builds everything into out/: the Node-side bundles with esbuild (main, compute worker,
// host mode, CLI, preload, bench) and the renderer with Vite. Logs go to stderr so that
// `npm run serve` keeps stdout for its address line.
import { build as esbuild } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { build as viteBuild } from 'vite';
import { sourceStamp } from './source-stamp.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const started = Date.now();
// hyparquet-writer is ESM-only: bundling it keeps the CJS bundles loadable everywhere.
const bundledPackages = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-layers', 'hyparquet-writer'];

function external() {
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
  return names.filter((name) => !bundledPackages.includes(name)).flatMap((name) => [name, `${name}/*`]);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // ESM builds first: the CJS builds of TF.js would mix with its ESM-only gradient files.
  mainFields: ['module', 'main'],
  sourcemap: true,
  // Dependencies load from node_modules at run time, except TF.js: its ESM builds are bundled
  // so core, gradients, backends and layers are one copy (the CJS build lacks the gradients).
  external: external(),
  define: { __APP_VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
};

await esbuild({
  ...common,
  entryPoints: {
    'main/index': 'main/electron/main.ts',
    'main/worker': 'main/jobs/worker.ts',
    'main/replica': 'main/engine/image/replicas/replica.ts',
    'main/host': 'main/host/main.ts',
    'main/cli': 'main/cli.ts',
    'bench/run': 'bench/run.ts',
  },
  outdir: 'out',
  outExtension: { '.js': '.cjs' },
});

// The sandboxed preload may require only 'electron': bundle everything else into it.
await esbuild({
  ...common,
  external: ['electron'],
  entryPoints: { 'preload/index': 'preload/index.ts' },
  outdir: 'out',
  outExtension: { '.js': '.cjs' },
  banner: undefined,
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
});

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

mkdirSync('out', { recursive: true });
writeFileSync('out/build-stamp.json', JSON.stringify({ stamp: sourceStamp(), version: pkg.version }));
process.stderr.write(`built out/ in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
