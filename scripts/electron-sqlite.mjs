// Builds better-sqlite3 for Electron's ABI into build/native-electron/<electron version>/,
// leaving node_modules' Node build alone (tests, host mode and the CLI keep using it).
// Tries a prebuilt binary first (prebuild-install), then compiles with node-gyp.
// Prints the path of the .node file on stdout.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const outDir = path.resolve('build', 'native-electron', electronVersion);
const target = path.join(outDir, 'better_sqlite3.node');

if (!existsSync(target)) {
  const work = path.join(outDir, 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync('node_modules/better-sqlite3', work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
  // npm sets npm_config_nodedir=/usr here: node-gyp would then silently build against Node's headers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_(nodedir|target|runtime|disturl)$/i.test(key)));
  const run = (command, args) => spawnSync(command, args, { cwd: work, env, stdio: ['ignore', 2, 2] }).status === 0;
  const prebuild = path.resolve('node_modules', 'prebuild-install', 'bin.js');
  const gyp = [path.resolve('node_modules', 'node-gyp', 'bin', 'node-gyp.js'), path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')].find(existsSync);
  const ok =
    (existsSync(prebuild) && run(process.execPath, [prebuild, '--runtime=electron', `--target=${electronVersion}`])) ||
    (gyp !== undefined &&
      run(process.execPath, [gyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers']));
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !existsSync(built)) {
    process.stderr.write(`Could not build better-sqlite3 for Electron ${electronVersion} (needs internet once, and a C++ toolchain if no prebuilt binary fits).\n`);
    process.exit(1);
  }
  cpSync(built, target);
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`${target}\n`);
