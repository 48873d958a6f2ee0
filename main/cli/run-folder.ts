import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './args';

/**
 * A run folder that already holds a run may only be resumed with the same model settings;
 * `ignored` lists settings that may change between sessions (checkpoint and preview cadence).
 */
export function assertResumable<C extends object>(runDir: string, config: C, ignored: readonly (keyof C)[], withDefaults: (saved: unknown) => C | undefined = (c) => c as C): void {
  const manifest = path.join(runDir, 'run.json');
  if (!existsSync(manifest)) return;
  // A run saved before a setting existed has none: it gets that setting's default, as loading it does.
  const previous = withDefaults((JSON.parse(readFileSync(manifest, 'utf8')) as { config?: unknown }).config);
  const settings = (c: C | undefined) => JSON.stringify(Object.fromEntries(Object.entries(c ?? {}).filter(([key]) => !ignored.includes(key as keyof C))));
  if (settings(previous) !== settings(config)) {
    throw new CliError(`${runDir} already holds a run with other settings; resume it with the same flags, or use another --out`);
  }
}
