// Builds out/ only when a source file changed since the last build.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { sourceStamp } from './source-stamp.mjs';

function current() {
  try {
    return JSON.parse(readFileSync('out/build-stamp.json', 'utf8')).stamp === sourceStamp();
  } catch {
    return false;
  }
}

if (!existsSync('out/main/host.cjs') || !current()) {
  process.stderr.write('Building Factor Studio…\n');
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
