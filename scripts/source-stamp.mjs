// A fingerprint of every source file that goes into out/: path, size and mtime.
import { readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

const roots = ['main', 'preload', 'renderer', 'shared', 'bench', 'scripts'];
const files = ['package.json', 'package-lock.json', 'vite.config.ts'];

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
}

export function sourceStamp() {
  const all = [...files];
  for (const root of roots) walk(root, all);
  const hash = createHash('sha256');
  for (const file of all.sort()) {
    try {
      const s = statSync(file);
      hash.update(`${file}:${s.size}:${s.mtimeMs}\n`);
    } catch {
      // a listed top-level file may be absent
    }
  }
  return hash.digest('hex');
}
