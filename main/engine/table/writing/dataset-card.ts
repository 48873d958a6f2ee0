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
}

export function datasetCard(run: TrainedTabularRun, options: { file: string; rows: number; where: readonly RowCondition[]; fix: Readonly<Record<number, number>>; seed: number; metrics?: unknown }): DatasetCard {
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
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

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
    'Every row is synthetic: sampled from the model, not copied from the source.',
    '',
  ];
  return lines.join('\n');
}
