import type { Dispatch } from '../api-handlers';
import type { Services } from '../services';
import { Args, CliError } from './args';
import { runCliJob } from './cli-job';

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

export async function projectsCommand(services: Services, dispatch: Dispatch, positional: string[], args: Args, json: boolean): Promise<void> {
  const sub = positional[0];
  if (sub === 'list') {
    const projects = services.projects.list();
    const lines = projects.map((p) => `${p.id}  ${p.kind.padEnd(7)}  ${p.name}${p.latestRun ? `  (last run: ${p.latestRun.status})` : ''}`);
    print(json, projects, lines.length > 0 ? lines.join('\n') : 'No projects yet.');
  } else if (sub === 'create') {
    const name = positional[1];
    if (!name) throw new CliError('projects create needs a name: projects create "My project"');
    const result = await dispatch('projects.create', { name, kind: args.string('kind') ?? 'image' });
    if (!result.ok) throw new CliError(result.error.message);
    print(json, result.value, `Created project ${name}.`);
  } else {
    throw new CliError(`Unknown projects command "${sub ?? ''}". Try: projects list, projects create <name>`);
  }
}

/** Trains the tiny backend-check model in the compute process and reports the backend and final loss. */
export async function checkCommand(services: Services, args: Args, json: boolean): Promise<void> {
  const steps = args.number('steps', { integer: true, min: 1 }) ?? 300;
  const { result, backend } = await runCliJob(services.jobs, { kind: 'check', steps, seed: 1 });
  const outcome = { backend: backend?.name ?? null, step: result.step, loss: result.metrics['loss'] ?? null };
  print(json, outcome, `Trained ${outcome.step} steps on ${outcome.backend}; final loss ${outcome.loss}`);
}
