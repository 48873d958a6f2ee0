/**
 * The headless CLI on the same services as the app: `npm run cli -- <command>`.
 * Results go to stdout (one JSON object with --json), progress and errors to stderr.
 */
import path from 'node:path';
import { createDispatch } from './api-handlers';
import { resolveDataDir } from './app-paths';
import { Args, CliError } from './cli/args';
import { commandAccess } from './cli/command-access';
import { backendOf, evaluateCommand, generateCommand, runDirArg, traverseCommand, trainCommand } from './cli/image-commands';
import { reportCommand } from './cli/tabular-commands';
import { checkCommand, projectsCommand } from './cli/projects-commands';
import { forkComputeProcess } from './jobs/compute-process';
import { createServices } from './services';
import { appVersion } from './version';

const help = `Factor Studio ${appVersion}: command line

Usage: npm run cli -- <command> [options]

Models:
  train --data dsprites|mnist|<folder> --out RUN_DIR [--preset quick|balanced|best] [--kind image]
        [--image-size 64] [--channels 1|3] [--fit crop|pad] [--beta 6] [--latents 10] [--stage1-steps N]
        [--stage2 vae|gan] [--stage2-steps M] [--z-dim 32] [--stage2-width 16] [--batch 64] [--lr 1e-4]
        [--stage2-lr 2e-4] [--seed S] [--checkpoint-every 500] [--preview-every 250] [--baselines]
        Trains stage 1 (beta-TCVAE) then stage 2; resumes from RUN_DIR's last checkpoint.
        --baselines: then beta-TCVAE, beta-TCVAE-L and Big-VAE with the same data, seed and steps,
        into RUN_DIR-beta-tcvae, RUN_DIR-beta-tcvae-l and RUN_DIR-big-vae.
        --preset: the app's preset of that name, the exact config its wizard sends (stage 2 at twice
        the learning rate); flags given beside it override its values. Without it: the defaults shown.
  evaluate --run RUN_DIR [--samples 10000] --json
        Reconstruction, disentanglement (MIG, SAP), factor preservation, FD/KID (local features).
  generate --run RUN_DIR --n 100 [--fix c3=1.5 ...] [--seed S] --out DIR     PNG files
  traverse --run RUN_DIR --out grid.png [--steps 9] [--range 2.5]
        Rows: factors; columns: values; left stage 1, right stage 2.

Tables (CSV or JSON records):
  train --data table.csv --kind tabular --out RUN_DIR [--preset quick|balanced|best] [--target col] [--latents 8] [--beta 6]
        [--stage1-steps N] [--stage2 flow|vae|gmm] [--stage2-steps M] [--batch 256] [--max-rows 200000] [--seed S]
        [--patience 12] [--validate-every 50]   (early stopping on 10% of the training rows; --patience 0: off)
  generate --run RUN_DIR --n 1000 [--where "col=value"] [--where "num_col=10..20"] [--fix c0=1]
        --out synth.csv|synth.parquet|synth.json        (a dataset card is written beside it)
  report --run RUN_DIR --json [--html report.html] [--target col] [--samples 2000]
        Column shapes, pair trends, ML efficacy, privacy (DCR), stage 1 vs stage 2.

History:
  projects list [--json]
  projects create <name> [--kind image|tabular] [--json]
  check [--steps N] [--json]      train the tiny backend-check model and report the backend

Options for every command:
  --backend tensorflow-gpu|tensorflow|wasm|cpu   force a compute backend (default: the best that loads)
  --data-dir DIR    the app's data folder (default: FACTOR_STUDIO_DATA, else the OS app-data folder)
  --json            one JSON object on stdout
  --debug           print stack traces on errors
  --help            this text
`;

const commands = ['projects', 'check', 'train', 'evaluate', 'generate', 'traverse', 'report'];

async function main(argv: string[]): Promise<void> {
  const args = new Args(argv);
  const json = args.flag('json');
  args.flag('debug');
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) {
      if (!a.includes('=') && argv[i + 1] !== undefined && !argv[i + 1]?.startsWith('--') && !['--json', '--debug', '--help'].includes(a)) i++;
    } else positional.push(a);
  }
  const command = positional[0];
  if (!command || args.flag('help')) {
    process.stdout.write(help);
    return;
  }
  if (!commands.includes(command)) throw new CliError(`Unknown command "${command}". Run with --help to see the commands.`);
  const dataDir = resolveDataDir(argv);
  // Read commands work beside the app or host mode and change nothing; write commands take the
  // folder for their duration, or refuse (one line naming the process that holds it).
  const access = commandAccess(positional, argv, dataDir);
  const services = createServices({
    dataDir,
    access: access === 'write' ? 'owner' : 'reader',
    ownerMode: 'cli',
    mode: 'host',
    version: appVersion,
    spawn: forkComputeProcess,
    workerPath: path.join(__dirname, 'worker.cjs'),
  });
  args.string('data-dir');
  try {
    const run = {
      projects: () => projectsCommand(services, createDispatch(services), positional.slice(1), args, json),
      check: () => checkCommand(services, args, json),
      train: () => trainCommand(services.jobs, args, json),
      evaluate: () => evaluateCommand(services.jobs, args, json),
      generate: () => generateCommand(services.jobs, args, json),
      traverse: () => traverseCommand(services.jobs, args, json),
      report: () => reportCommand(services.jobs, args, json, runDirArg(args), backendOf(args)),
    }[command as 'projects'];
    await run();
    const unknown = args.unknownFlags();
    if (unknown.length > 0) process.stderr.write(`warning: ignored unknown option(s): ${unknown.map((u) => `--${u}`).join(' ')}\n`);
  } finally {
    await services.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const debug = process.argv.includes('--debug');
  process.stderr.write(`error: ${debug ? ((error as Error).stack ?? String(error)) : (error as Error).message}\n`);
  process.exit(1);
});
