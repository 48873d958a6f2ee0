import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const workerPath = path.join(repoRoot, 'out', 'main', 'worker.cjs');
export const hostEntry = path.join(repoRoot, 'out', 'main', 'host.cjs');
export const cliEntry = path.join(repoRoot, 'out', 'main', 'cli.cjs');
export const rendererDir = path.join(repoRoot, 'out', 'renderer');
