import { execFileSync } from 'node:child_process';

// Integration tests fork the built compute process (out/main/worker.cjs): make sure it is fresh.
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' });
}
