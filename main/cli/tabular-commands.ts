import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describeAdapter, type BackendName } from '../../shared/compute-protocol';
import { tabularModelConfigSchema, type RowCondition, type TabularModelConfig, type TabularModelConfigInput } from '../../shared/tabular-config';
import { tabularConfigInput } from '../../shared/presets';
import { TABLE_REPORT_SAMPLES } from '../../shared/table-report';
import type { TableIssue } from '../../shared/tabular-schema';
import { JobFailedError } from '../jobs/job-errors';
import type { JobRunner } from '../jobs/job-runner';
import { Args, CliError } from './args';
import { withPreset } from './preset-flag';
import { assertResumable } from './run-folder';
import { runCliJob } from './cli-job';

/** "col=value" or "col=min..max" (a bound may be left out: "col=..20"). */
export function parseWhere(text: string): RowCondition {
  const at = text.indexOf('=');
  if (at <= 0) throw new CliError(`--where expects column=value or column=min..max, got "${text}"`);
  const column = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  const range = /^(-?[\d.eE+-]*)\.\.(-?[\d.eE+-]*)$/.exec(value);
  if (range && (range[1] !== '' || range[2] !== '')) {
    const min = range[1] === '' ? -Infinity : Number(range[1]);
    const max = range[2] === '' ? Infinity : Number(range[2]);
    if (Number.isNaN(min) || Number.isNaN(max) || min > max) throw new CliError(`--where ${column}: "${value}" is not a range low..high`);
    return { column, op: 'range', min, max };
  }
  return { column, op: 'eq', value };
}

/** The table config `train` runs: the flags, over the --preset's config when one is named. */
export function tabularConfig(args: Args, data: string): TabularModelConfig {
  const int = (name: string, min = 0, max?: number) => args.number(name, { integer: true, min, ...(max !== undefined ? { max } : {}) });
  const input: Record<string, unknown> = {
    data,
    target: args.string('target'),
    latents: int('latents', 1, 64),
    beta: args.number('beta', { min: 0 }),
    hidden: int('hidden', 8, 1024),
    stage1Steps: int('stage1-steps'),
    stage2: args.string('stage2'),
    stage2Steps: int('stage2-steps'),
    zDim: int('z-dim', 1, 128),
    mixtures: int('mixtures', 1, 100),
    flowLayers: int('flow-layers', 1, 32),
    batch: int('batch', 2, 4096),
    lr: args.number('lr', { min: 0 }),
    seed: int('seed'),
    maxRows: int('max-rows', 10),
    checkpointEvery: int('checkpoint-every', 1),
    patience: int('patience', 0, 1000),
    validateEvery: int('validate-every', 1),
  };
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const parsed = tabularModelConfigSchema.safeParse(withPreset(args, 'tabular', defined, (s) => tabularConfigInput(s, { data })) as TabularModelConfigInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = String(issue?.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new CliError(`--${flag}: ${issue?.message ?? 'invalid value'}`);
  }
  return parsed.data;
}

/** The reader's notes as stderr lines: skipped rows by row number, cells read as missing by row and column. */
export function readerWarningLines(file: string, issues: readonly TableIssue[], skippedRows: number): string[] {
  if (issues.length === 0) return [];
  const skipped = skippedRows > 0 ? `, ${skippedRows} ${skippedRows === 1 ? 'row' : 'rows'} skipped` : '';
  return [`${file}: ${issues.length} ${issues.length === 1 ? 'warning' : 'warnings'} while reading${skipped}:`, ...issues.map((i) => `warning: ${i.message}`)];
}

/**
 * Reads the table's schema in a quick job and prints the reader's warnings to stderr, so a CLI
 * user sees them before training starts (they are otherwise only in run.json). A file that
 * cannot be read at all fails here, with the reader's message, before a training job is queued.
 */
async function printReaderWarnings(jobs: JobRunner, file: string): Promise<void> {
  let schema;
  try {
    schema = (await jobs.run({ kind: 'tabular-schema', file })).output;
  } catch (error) {
    throw error instanceof JobFailedError ? new CliError(error.message) : error;
  }
  for (const line of readerWarningLines(file, schema.issues, schema.skippedRows)) process.stderr.write(`${line}\n`);
}

export async function trainTabularCommand(jobs: JobRunner, args: Args, json: boolean, dataArg: string, backend: BackendName | undefined): Promise<void> {
  const file = path.resolve(dataArg);
  if (!existsSync(file)) throw new CliError(`--data: ${file} does not exist`);
  if (!statSync(file).isFile()) throw new CliError(`--data: ${file} is a folder; tabular training expects a .csv or .json file`);
  const runDir = path.resolve(args.required('out', 'the run folder to write'));
  const config = tabularConfig(args, file);
  assertResumable(runDir, config, ['checkpointEvery']);
  await printReaderWarnings(jobs, file);
  const { result, backend: used, cancelled } = await runCliJob(jobs, { kind: 'tabular-train', config, runDir, ...(backend ? { backend } : {}) });
  const summary = { run_dir: runDir, step: result.step, total_steps: config.stage1Steps + config.stage2Steps, cancelled, backend: used?.name ?? null, backend_adapter: used?.adapter ? describeAdapter(used.adapter) : null, losses: result.metrics, output: result.output };
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(`${cancelled ? 'Stopped' : 'Trained'} ${result.step}/${summary.total_steps} steps on ${summary.backend}; run folder ${runDir}\n`);
  if (cancelled) process.exitCode = 130;
}

export async function generateTabularCommand(jobs: JobRunner, args: Args, json: boolean, runDir: string, fix: Record<number, number>, backend: BackendName | undefined): Promise<void> {
  const n = args.number('n', { integer: true, min: 1, max: 10_000_000 }) ?? 1000;
  const out = path.resolve(args.required('out', 'synth.csv, synth.parquet or synth.json'));
  if (!/\.(csv|parquet|json)$/i.test(out)) throw new CliError(`--out: ${out} must end in .csv, .parquet or .json`);
  const where = args.strings('where').map(parseWhere);
  const seed = args.number('seed', { integer: true, min: 0 }) ?? 1;
  const card = !args.flag('no-card');
  const { result, cancelled } = await runCliJob(jobs, { kind: 'tabular-generate', runDir, n, where, fix, seed, out, card, ...(backend ? { backend } : {}) });
  if (cancelled) throw new CliError('generate was stopped; nothing was written');
  const output = result.output;
  const summary = { out, rows: output.rows, format: output.format, where, card: card ? [`${out}.card.json`, `${out}.card.md`] : [] };
  process.stdout.write(json ? `${JSON.stringify(summary)}\n` : `Wrote ${summary.rows} rows to ${out}\n`);
}

export async function reportCommand(jobs: JobRunner, args: Args, json: boolean, runDir: string, backend: BackendName | undefined): Promise<void> {
  const html = args.string('html');
  const samples = args.number('samples', { integer: true, min: 10, max: 1_000_000 }) ?? TABLE_REPORT_SAMPLES;
  const target = args.string('target');
  const { result } = await runCliJob(jobs, { kind: 'tabular-report', runDir, samples, ...(html ? { html: path.resolve(html) } : {}), ...(target ? { target } : {}), ...(backend ? { backend } : {}) });
  const beside = result.output?.models ? `${result.output.models.summary}\n` : '';
  process.stdout.write(json ? `${JSON.stringify(result.output)}\n` : `${JSON.stringify(result.output?.headline, null, 2)}\n${beside}${html ? `HTML report: ${path.resolve(html)}\n` : ''}`);
}
