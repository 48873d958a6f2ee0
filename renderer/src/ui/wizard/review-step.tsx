import type { ReactNode } from 'react';
import type { ExampleTable, ImagePreview } from '../../../../shared/dataset-preview';
import { stage2LrRatio } from '../../../../shared/presets';
import type { TableSchema } from '../../../../shared/tabular-schema';
import { formatDuration } from '../lib/format';
import type { TimeCalibration } from '../../../../shared/time-calibration';
import { backendLabel, estimateWithSource, presetLabels, yModeLabels, type ModelKind, type PresetName, type TrainSettings } from '../train/settings';
import { channelsOf, dataOf } from './run-request';
import { sourceLabels, type DataChoice, type WizardStep } from './wizard-steps';

export interface ReviewStepProps {
  readonly kind: ModelKind;
  readonly choice: DataChoice;
  readonly examples: readonly ExampleTable[] | null;
  readonly imagePreview: ImagePreview | null;
  readonly schema: TableSchema | null;
  readonly presetName: PresetName | null;
  readonly settings: TrainSettings;
  readonly backend: string | null;
  /** This computer's timing of this kind on that backend; null: the default figures. */
  readonly calibration: TimeCalibration | null;
  /** Image runs: the baselines are trained too. */
  readonly baselines: boolean;
  /** Goes back to a step to change it. */
  readonly onEdit: (step: WizardStep) => void;
}

const stage2Names: Record<TrainSettings['stage2'], string> = { vae: 'VAE', gan: 'GAN', gmm: 'Mixture', flow: 'Flow' };

/** Step 4: every choice in one place, each section with a way back to change it. */
export function ReviewStep({ kind, choice, examples, imagePreview, schema, presetName, settings, backend, calibration, baselines, onEdit }: ReviewStepProps) {
  const section = (title: string, step: WizardStep, rows: readonly [string, ReactNode][]) => (
    <section className="review-section" aria-label={title}>
      <div className="row spread">
        <h5>{title}</h5>
        <button type="button" className="small" onClick={() => onEdit(step)} aria-label={`Change ${title.toLowerCase()}`}>
          Change
        </button>
      </div>
      <dl className="summary">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
  const example = examples?.find((e) => e.id === choice.example);
  const source = choice.source === 'example' && example ? `Example table: ${example.label}` : sourceLabels[choice.source];
  const path = choice.source === 'folder' || choice.source === 'file' ? dataOf(choice, examples) : null;
  const dataRows: [string, ReactNode][] = [['Source', source]];
  if (path) dataRows.push([choice.source === 'folder' ? 'Folder' : 'File', <code key="p">{path}</code>]);
  if (kind === 'image' && imagePreview) {
    dataRows.push(['Images', `${imagePreview.count.toLocaleString()} usable, ${imagePreview.skippedCount.toLocaleString()} skipped`]);
    dataRows.push(['Colour', channelsOf(choice) === 1 ? 'Greyscale' : 'Colour']);
  }
  if (kind === 'tabular' && schema) {
    const modelled = schema.columns.filter((c) => c.role === 'feature').map((c) => c.name);
    dataRows.push(['Rows', schema.rowCount.toLocaleString()]);
    dataRows.push(['Columns modelled', `${modelled.length} of ${schema.columns.length}: ${modelled.join(', ')}`]);
  }
  const modelRows: [string, ReactNode][] = [
    ['Preset', presetName ? presetLabels[presetName] : 'Custom (Advanced settings)'],
    ...(kind === 'image' ? ([['Image size', `${settings.imageSize} × ${settings.imageSize}`]] as [string, ReactNode][]) : []),
    ['Stage 1 steps', settings.stage1Steps.toLocaleString()],
    ['Stage 2', `${stage2Names[settings.stage2]}, ${settings.stage2Steps.toLocaleString()} steps`],
    ...(kind === 'image' ? ([['Stage 2 trains on', yModeLabels[settings.yMode]]] as [string, ReactNode][]) : []),
    ['Factors', String(settings.latents)],
    ['Beta', String(settings.beta)],
    ['Batch size', String(settings.batch)],
    ['Learning rate', `${settings.lr} (stage 2: ${settings.lr * stage2LrRatio[kind]})`],
    ['Seed', String(settings.seed)],
    ['Estimated time', `${estimateWithSource(kind, settings, backend, formatDuration, calibration)} on ${backendLabel(backend)} (an estimate)`],
    ...(kind === 'image' ? ([['Baselines', baselines ? 'Also trained, queued after this run' : 'Not trained']] as [string, ReactNode][]) : []),
  ];
  return (
    <div className="review" data-testid="review-summary">
      {section('Data', 'data', dataRows)}
      {section('Model', 'model', modelRows)}
    </div>
  );
}
