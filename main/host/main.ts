/**
 * Host mode: `npm run serve`. Opens the history, starts the API over HTTP + WebSocket on
 * 127.0.0.1 and serves the built renderer. The first stdout line is the address to open.
 */
import path from 'node:path';
import { createDispatch } from '../api-handlers';
import { argValue, resolveDataDir } from '../app-paths';
import { forkComputeProcess } from '../jobs/compute-process';
import { createServices } from '../services';
import { appVersion } from '../version';
import { startHostServer } from './server';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    process.stdout.write('Usage: npm run serve -- [--port N] [--data-dir DIR]\n');
    return;
  }
  const portArg = argValue(argv, 'port');
  const port = portArg === undefined ? 0 : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port expects a number from 0 to 65535, got "${portArg}"`);
  }
  const dataDir = resolveDataDir(argv);
  const services = createServices({
    dataDir,
    mode: 'host',
    version: appVersion,
    spawn: forkComputeProcess,
    workerPath: path.join(__dirname, 'worker.cjs'),
  });
  const server = await startHostServer({
    dispatch: createDispatch(services),
    bus: services.bus,
    rendererDir: path.join(__dirname, '..', 'renderer'),
    port,
    exportFiles: services.exports,
  });
  process.stdout.write(`Factor Studio at ${server.url}\n`);
  process.stderr.write(`Data folder: ${dataDir}\nPress Ctrl+C to stop.\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server
      .close()
      .then(() => services.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Factor Studio could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
