import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageModelConfig } from '../../../shared/image-config';
import { variantLabels } from '../../../shared/baselines';
import { tradeOffAxis, type TradeOffPoint } from '../../../shared/trade-off';
import { tradeOffLayout, tradeOffSvg } from '../../../shared/trade-off-chart';
import { readRunManifest } from './load-run';

/** The card that travels with an image export: the model's settings, its final metrics and how the images were drawn. */
export interface ImageCard {
  readonly title: string;
  readonly created: string;
  readonly images: number;
  readonly format: string;
  readonly source: { readonly data: string; readonly images: number; readonly size: number; readonly channels: number; readonly groundTruthFactors: readonly string[] };
  readonly model: { /** 'image MS-VAE', or a baseline's name ('image β-TCVAE-L'). */ readonly kind: string; readonly step: number; readonly stage: 1 | 2; readonly config: ImageModelConfig };
  readonly generation: { readonly seed: number; readonly fix: Readonly<Record<number, number>> };
  /** The last value of each training loss term. */
  readonly trainingMetrics: Readonly<Record<string, number>>;
  /** evaluation.json of the run, when it was evaluated. */
  readonly evaluation?: unknown;
  /** The run's MS-VAE and its baselines, one point each, drawn in the card's trade-off charts. */
  readonly tradeOff?: readonly TradeOffPoint[];
}

/** The trade-off charts an image card with baselines carries: file name and SVG text (shared/trade-off-chart.ts). */
export function tradeOffCharts(points: readonly TradeOffPoint[]): { file: string; title: string; svg: string }[] {
  const x = tradeOffAxis(points);
  const ys = x === 'mig' ? (['fd', 'recon'] as const) : (['fd'] as const);
  return ys.map((y) => {
    const layout = tradeOffLayout(points, x, y);
    return { file: `trade-off-${y}.svg`, title: layout.title, svg: tradeOffSvg(layout, `trade-off-${y}`) };
  });
}

export function imageCard(
  runDir: string,
  options: { images: number; format: string; step: number; stage: 1 | 2; seed: number; fix: Readonly<Record<number, number>>; metrics: Readonly<Record<string, number>>; tradeOff?: readonly TradeOffPoint[] },
): ImageCard {
  const manifest = readRunManifest(runDir);
  const evaluationFile = path.join(runDir, 'evaluation.json');
  return {
    title: `Synthetic images from ${manifest.dataset.name}`,
    created: new Date().toISOString(),
    images: options.images,
    format: options.format,
    source: { data: manifest.config.data, images: manifest.dataset.count, size: manifest.dataset.size, channels: manifest.dataset.channels, groundTruthFactors: manifest.dataset.factors },
    model: { kind: `image ${variantLabels[manifest.config.variant]}`, step: options.step, stage: options.stage, config: manifest.config },
    generation: { seed: options.seed, fix: options.fix },
    trainingMetrics: options.metrics,
    ...(existsSync(evaluationFile) ? { evaluation: JSON.parse(readFileSync(evaluationFile, 'utf8')) as unknown } : {}),
    ...(options.tradeOff ? { tradeOff: options.tradeOff } : {}),
  };
}

export function imageCardMarkdown(card: ImageCard): string {
  const c = card.model.config;
  const fixed = Object.entries(card.generation.fix).map(([k, v]) => `c${k} = ${v}`);
  const lines = [
    `# ${card.title}`,
    '',
    `- ${card.images} images (${card.format}), ${c.imageSize}x${c.imageSize}, ${c.channels === 1 ? 'grayscale' : 'colour'}, created ${card.created}`,
    `- Source: ${card.source.data} (${card.source.images} images${card.source.groundTruthFactors.length ? `; ground-truth factors ${card.source.groundTruthFactors.join(', ')}` : ''})`,
    `- Model: ${card.model.kind}, ${c.latents} factors, stage 2 ${c.stage2}, ${card.model.step} training steps; samples from stage ${card.model.stage}`,
    `- Generation: seed ${card.generation.seed}${fixed.length ? `; fixed ${fixed.join(', ')}` : '; no factor fixed'}`,
    '',
    '| training metric | last value |',
    '| --- | --- |',
    ...Object.entries(card.trainingMetrics).map(([name, value]) => `| ${name} | ${Number.isFinite(value) ? value.toPrecision(5) : String(value)} |`),
    ...tradeOffSection(card.tradeOff),
    '',
    'Every image is synthetic: sampled from the model, not copied from the source.',
    '',
  ];
  return lines.join('\n');
}

/** The charts beside the card (trade-off-*.svg) and their numbers, when the run has baselines. */
function tradeOffSection(points: readonly TradeOffPoint[] | undefined): string[] {
  if (!points) return [];
  const n = (v: number | null) => (v === null ? '—' : v.toPrecision(4));
  return [
    '',
    '## Against its baselines (same data, seed and steps)',
    '',
    ...tradeOffCharts(points).map((c) => `![${c.title}](${c.file})`),
    '',
    '| model | sample FD (local features) | recon BCE | MIG | active factors |',
    '| --- | --- | --- | --- | --- |',
    ...points.map((p) => `| ${p.label}${p.primary ? ' (this family\'s MS-VAE)' : ''} | ${n(p.fd)} | ${n(p.recon)} | ${n(p.mig)} | ${n(p.activeFactors)} |`),
  ];
}
