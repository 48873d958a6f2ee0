import type { HeadlineKey, ModelsSideBySide } from '../../../../shared/table-report';
import type { RowCondition } from '../../../../shared/tabular-config';
import type { TrainedTabularRun } from '../model/run-files';

/** The dataset card that travels with an export: where the data came from and how it was made. */
export interface DatasetCard {
  readonly title: string;
  readonly created: string;
  readonly file: string;
  readonly rows: number;
  readonly source: { readonly file: string; readonly fingerprint: string; readonly rowsRead: number; readonly skippedRows: number };
  readonly schema: readonly { readonly name: string; readonly type: string; readonly role: string; readonly missing: number }[];
  readonly model: { readonly kind: 'tabular MS-VAE'; readonly stage2: string; readonly step: number; readonly config: unknown };
  readonly generation: { readonly seed: number; readonly where: readonly RowCondition[]; readonly fix: Readonly<Record<number, number>> };
  readonly metrics?: unknown;
  /** The report's MS-VAE beside the Gaussian copula baseline and stage 1 alone (with a report only). */
  readonly models?: ModelsSideBySide;
}

export interface DatasetCardOptions {
  readonly file: string;
  readonly rows: number;
  readonly where: readonly RowCondition[];
  readonly fix: Readonly<Record<number, number>>;
  readonly seed: number;
  readonly metrics?: unknown;
  readonly models?: ModelsSideBySide;
}

export function datasetCard(run: TrainedTabularRun, options: DatasetCardOptions): DatasetCard {
  const { manifest } = run;
  return {
    title: `Synthetic data from ${manifest.config.data}`,
    created: new Date().toISOString(),
    file: options.file,
    rows: options.rows,
    source: { file: manifest.config.data, fingerprint: manifest.schema.fingerprint, rowsRead: manifest.schema.rowCount, skippedRows: manifest.schema.skippedRows },
    schema: manifest.schema.columns.map((c) => ({ name: c.name, type: c.type, role: c.role === 'excluded' ? `excluded (${c.excludedReason ?? 'user'})` : 'feature', missing: c.missing })),
    model: { kind: 'tabular MS-VAE', stage2: manifest.config.stage2, step: run.step, config: manifest.config },
    generation: { seed: options.seed, where: options.where, fix: options.fix },
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.models ? { models: options.models } : {}),
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const measures: Record<HeadlineKey, string> = {
  overall: 'overall quality vs hold-out',
  column_shapes: 'column shapes vs hold-out',
  column_pair_trends: 'column pair trends vs hold-out',
  ml_efficacy_ratio: 'ML efficacy ratio',
  dcr_share_closer_to_training: 'DCR share closer to training',
  exact_copies: 'exact copies of training rows',
};

/** The card's side-by-side table: MS-VAE, the copula ('not trained' for older runs) and stage 1. */
function modelsMarkdown(models: ModelsSideBySide): string[] {
  const show = (v: number | null, count: boolean, missing: string) => (v === null ? missing : count ? String(v) : v.toFixed(3));
  const copulaMissing = models.copula_trained ? '–' : 'not trained';
  return [
    '## Quality beside a baseline',
    '',
    models.summary,
    '',
    '| measure | MS-VAE | Gaussian copula | stage 1 alone |',
    '| --- | --- | --- | --- |',
    ...(Object.keys(measures) as HeadlineKey[]).map((k) => {
      const v = models.headline[k];
      const count = k === 'exact_copies';
      return `| ${measures[k]} | ${show(v.ms_vae, count, '–')} | ${show(v.copula, count, copulaMissing)} | ${show(v.stage1, count, '–')} |`;
    }),
    '',
  ];
}

export function datasetCardMarkdown(card: DatasetCard): string {
  const lines = [
    `# ${card.title}`,
    '',
    `- File: ${card.file} (${card.rows} rows), created ${card.created}`,
    `- Source: ${card.source.file} (sha256 ${card.source.fingerprint}), ${card.source.rowsRead} rows read, ${card.source.skippedRows} skipped`,
    `- Model: ${card.model.kind}, stage 2 ${card.model.stage2}, ${card.model.step} training steps`,
    `- Generation: seed ${card.generation.seed}${card.generation.where.length ? `; conditions ${card.generation.where.map((w) => (w.op === 'eq' ? `${w.column}=${w.value}` : `${w.column} in ${w.min}..${w.max}`)).join(', ')}` : ''}`,
    '',
    '| column | type | role | missing in source |',
    '| --- | --- | --- | --- |',
    ...card.schema.map((c) => `| ${cell(c.name)} | ${c.type} | ${cell(c.role)} | ${c.missing} |`),
    '',
    ...(card.models ? modelsMarkdown(card.models) : []),
    'Every row is synthetic: sampled from the model, not copied from the source.',
    '',
  ];
  return lines.join('\n');
}
