/**
 * The headless CLI on the same services as the app: `npm run cli -- <command>`.
 * Results go to stdout (JSON with --json), progress and errors to stderr.
 */
import path from 'node:path';
import { createDispatch, type Dispatch } from './api-handlers';
import { argValue, resolveDataDir } from './app-paths';
import { forkComputeProcess } from './jobs/compute-process';
import { createServices, type Services } from './services';
import { appVersion } from './version';

const help = `Factor Studio ${appVersion}: command line

Usage: npm run cli -- <command> [options]

Commands:
  projects list [--json]                    list projects with their latest run
  projects create <name> [--kind image|tabular] [--json]
  check [--steps N] [--json]                train the tiny backend-check model in the compute
                                            process and report the backend and final loss

Options:
  --data-dir DIR    the data folder (default: FACTOR_STUDIO_DATA, else the OS app-data folder)
  --debug           print stack traces on errors
  --help            this text
`;

class CliError extends Error {}

async function call<T>(dispatch: Dispatch, method: string, input: unknown): Promise<T> {
  const result = await dispatch(method, input);
  if (!result.ok) throw new CliError(result.error.message);
  return result.value as T;
}

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

async function projectsCommand(services: Services, dispatch: Dispatch, args: string[], json: boolean): Promise<void> {
  const sub = args[0];
  if (sub === 'list') {
    const projects = services.projects.list();
    const lines = projects.map((p) => `${p.id}  ${p.kind.padEnd(7)}  ${p.name}${p.latestRun ? `  (last run: ${p.latestRun.status})` : ''}`);
    print(json, projects, lines.length > 0 ? lines.join('\n') : 'No projects yet.');
  } else if (sub === 'create') {
    const name = args[1];
    if (!name || name.startsWith('--')) throw new CliError('projects create needs a name: projects create "My project"');
    const project = await call(dispatch, 'projects.create', { name, kind: argValue(args, 'kind') ?? 'image' });
    print(json, project, `Created project ${name}.`);
  } else {
    throw new CliError(`Unknown projects command "${sub ?? ''}". Try: projects list, projects create <name>`);
  }
}

/** Runs the tiny check job in a throwaway project-less flow: straight through the JobRunner. */
async function checkCommand(services: Services, args: string[], json: boolean): Promise<void> {
  const stepsArg = argValue(args, 'steps') ?? '300';
  const steps = Number(stepsArg);
  if (!Number.isInteger(steps) || steps < 1) throw new CliError(`--steps expects a whole number >= 1, got "${stepsArg}"`);
  const outcome = await new Promise<{ backend: string | null; step: number; loss: number | null }>((resolve, reject) => {
    let backend: string | null = null;
    services.jobs.submit('cli-check', { kind: 'check', steps, seed: 1 }, {
      onBackend: (b) => {
        backend = b.name;
        process.stderr.write(`backend: ${b.name}${b.skipped.length ? ` (skipped ${b.skipped.map((s) => `${s.name}: ${s.reason}`).join(', ')})` : ''}\n`);
      },
      onProgress: (p) => process.stderr.write(`step ${p.step}/${p.totalSteps}  loss ${p.losses['loss']?.toFixed(5)}  ${p.stepsPerSec.toFixed(0)} steps/s\r`),
      onDone: (r) => resolve({ backend, step: r.step, loss: r.metrics['loss'] ?? null }),
      onCancelled: () => reject(new CliError('cancelled')),
      onFailed: (message) => reject(new CliError(message)),
    });
  });
  process.stderr.write('\n');
  print(json, outcome, `Trained ${outcome.step} steps on ${outcome.backend}; final loss ${outcome.loss}`);
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const positional = argv.filter((a) => a !== '--json' && a !== '--debug');
  const command = positional[0];
  if (!command || command === '--help' || argv.includes('--help')) {
    process.stdout.write(help);
    return;
  }
  if (command !== 'projects' && command !== 'check') throw new CliError(`Unknown command "${command}". Run with --help to see the commands.`);
  const services = createServices({
    dataDir: resolveDataDir(argv),
    mode: 'host',
    version: appVersion,
    spawn: forkComputeProcess,
    workerPath: path.join(__dirname, 'worker.cjs'),
  });
  try {
    if (command === 'projects') await projectsCommand(services, createDispatch(services), positional.slice(1), json);
    else await checkCommand(services, positional.slice(1), json);
  } finally {
    await services.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const debug = process.argv.includes('--debug');
  process.stderr.write(`error: ${debug ? ((error as Error).stack ?? String(error)) : (error as Error).message}\n`);
  process.exit(1);
});
