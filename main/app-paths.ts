import os from 'node:os';
import path from 'node:path';

export const appName = 'Factor Studio';

/** The OS's per-user app-data folder, the same place Electron's app.getPath('userData') points to. */
export function defaultDataDir(): string {
  switch (process.platform) {
    case 'darwin':
      return path.join(os.homedir(), 'Library', 'Application Support', appName);
    case 'win32':
      return path.join(process.env['APPDATA'] ?? path.join(os.homedir(), 'AppData', 'Roaming'), appName);
    default:
      return path.join(process.env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config'), appName);
  }
}

/** Reads `--name value` or `--name=value` from argv. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) return argv[i + 1];
    if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/** --data-dir wins, then FACTOR_STUDIO_DATA, then the OS default. */
export function resolveDataDir(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = argValue(argv, 'data-dir') ?? env['FACTOR_STUDIO_DATA'];
  return path.resolve(chosen && chosen.length > 0 ? chosen : defaultDataDir());
}
