import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { baselineConfig, baselineKinds, variantLabels } from '../shared/baselines';
import type { ImageModelConfig } from '../shared/image-config';
import type { ImageEvaluation } from '../shared/image-evaluation';
import { estimateSeconds, presetSettings, type TrainSettings } from '../shared/presets';
import type { Progress } from '../shared/progress';
import { selectBackend } from '../main/engine/core/backend';
import { modelParamCount } from '../main/engine/image/models/variants';
import { runImageEvaluate } from '../main/engine/tasks/evaluate-images';
import { runImageTrain } from '../main/engine/tasks/train-images';
import { baselinesBenchRequest } from './preset-config';
import { paperTable, paperVerdict, type PaperRow } from './paper-table';

type Report = ImageEvaluation;


export interface PaperBenchOptions {
  /** The MS-VAE run's training budget in minutes, by the app's own time estimate; omitted: the Balanced preset as it is. */
  readonly minutes?: number;
  readonly samples: number;
  readonly runDir?: string;
  readonly replicaEntry?: string;
}

/** The Balanced preset's settings with both stages' steps scaled so the app estimates `minutes` for the MS-VAE run. */
export function budgetSettings(minutes: number | undefined, backend: string): TrainSettings {
  const balanced = presetSettings('image', 'balanced');
  if (minutes === undefined) return balanced;
  const scale = (minutes * 60) / estimateSeconds('image', balanced, backend);
  return { ...balanced, stage1Steps: Math.max(1, Math.round(balanced.stage1Steps * scale)), stage2Steps: Math.max(1, Math.round(balanced.stage2Steps * scale)) };
}

function rowOf(config: ImageModelConfig, report: Report, trainSeconds: number): PaperRow {
  const trained2 = report.stage2_trained;
  return {
    model: variantLabels[config.variant],
    variant: config.variant,
    params: modelParamCount(config),
    steps: config.stage1Steps + config.stage2Steps,
    train_seconds: Math.round(trainSeconds),
    fd_local: (trained2 ? report.sample_quality.stage2?.fd_local : report.sample_quality.stage1.fd_local) ?? null,
    mig: report.disentanglement.stage1?.mig ?? null,
    sap: report.disentanglement.stage1?.sap ?? null,
    recon_bce: (trained2 ? report.stage2?.recon_bce : report.stage1.recon_bce) ?? null,
    active_factors: report.factors.active,
    ...(report.interpretability ? { interpretability: report.interpretability } : {}),
    ...(report.stage2Mi ? { stage2_mi: report.stage2Mi } : {}),
  };
}

function progressLogger(model: string): (p: Progress) => void {
  let last = 0;
  return (p) => {
    if (p.step - last >= 100 || p.step === p.totalSteps) {
      last = p.step;
      process.stderr.write(`${model} ${p.phase} step ${p.step}/${p.totalSteps}\n`);
    }
  };
}

/**
 * `paper [--minutes N]`: the paper's Fig. 3 on dSprites. The MS-VAE config is what the wizard
 * sends for the Balanced preset with "Also train the baselines" ticked (its steps scaled to N
 * minutes by the app's estimate when --minutes is given), parsed by runs.startImage's schema;
 * the baselines' configs come from baselineConfig, as the run service makes them. Each model
 * trains through the app's training task and is evaluated by its evaluate task.
 */
export async function paperBench(options: PaperBenchOptions): Promise<object> {
  const backend = await selectBackend();
  const request = baselinesBenchRequest(budgetSettings(options.minutes, backend.name), 'dsprites');
  const configs = [request.config, ...baselineKinds.map((kind) => baselineConfig(request.config, kind))];
  const base = options.runDir ?? mkdtempSync(path.join(os.tmpdir(), 'factor-studio-paper-'));
  const rows: PaperRow[] = [];
  for (const config of configs) {
    const runDir = path.join(base, config.variant);
    const started = performance.now();
    const trained = await runImageTrain({ kind: 'image-train', config, runDir }, backend, { onBackend: () => {}, onProgress: progressLogger(config.variant), isCancelled: () => false }, options.replicaEntry);
    if (trained.cancelled) throw new Error(`${config.variant}: the training was cancelled`);
    const trainSeconds = (performance.now() - started) / 1000;
    const evaluated = await runImageEvaluate({ kind: 'image-evaluate', runDir, samples: options.samples }, { onBackend: () => {}, onProgress: () => {}, isCancelled: () => false });
    if (evaluated.cancelled) throw new Error(`${config.variant}: the evaluation was cancelled`);
    rows.push(rowOf(config, evaluated.result.output, trainSeconds));
  }
  process.stderr.write(`\n${paperTable(rows)}\n\n`);
  const verdict = paperVerdict(rows);
  return {
    bench: 'paper',
    backend: backend.name,
    run_dir: base,
    budget: {
      minutes: options.minutes ?? null,
      rule: 'every model trains the MS-VAE run\'s total steps (stage 1 + stage 2) at its batch size: same images seen, same updates',
      ms_vae_steps: { stage1: request.config.stage1Steps, stage2: request.config.stage2Steps },
    },
    samples: options.samples,
    config: request.config,
    models: rows,
    verdict,
  };
}
