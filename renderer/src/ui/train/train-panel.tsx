import { useState } from 'react';
import type { Project } from '../../../../shared/models';
import type { TableSchema } from '../../../../shared/tabular-schema';
import type { ColumnOverrideSpec } from '../../../../shared/tabular-config';
import { call, messageOf } from '../../api/studio';
import { ErrorMessage } from '../lib/error-message';
import { AdvancedSettings } from './advanced-settings';
import { PresetPicker } from './preset-picker';
import { SchemaEditor } from './schema-editor';
import { pathProblem, preset, validateSettings, type PresetName, type TrainSettings } from './settings';

export interface TrainPanelProps {
  readonly project: Project;
  /** Called with the new run's id once it is queued. */
  readonly onStarted: (runId: string) => void;
}

type ImageData = 'dsprites' | 'mnist' | 'folder';

/** Sets up a training run: data, a preset (or advanced settings), then Start. */
export function TrainPanel({ project, onStarted }: TrainPanelProps) {
  const kind = project.kind;
  const [imageData, setImageData] = useState<ImageData>('dsprites');
  const [dataPath, setDataPath] = useState('');
  const [channels, setChannels] = useState<1 | 3>(3);
  const [presetName, setPresetName] = useState<PresetName | null>('quick');
  const [settings, setSettings] = useState<TrainSettings>(preset(kind, 'quick'));
  const [schema, setSchema] = useState<TableSchema | null>(null);
  const [overrides, setOverrides] = useState<ColumnOverrideSpec[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pathError, setPathError] = useState<string | undefined>();

  const errors = validateSettings(kind, settings);
  const needsPath = kind === 'tabular' || imageData === 'folder';

  const inspect = async (nextOverrides: ColumnOverrideSpec[]) => {
    const problem = pathProblem(dataPath, 'file');
    setPathError(problem);
    if (problem) return;
    setBusy(true);
    try {
      setSchema(await call('datasets.inspectTable', { path: dataPath.trim(), overrides: nextOverrides }));
      setOverrides(nextOverrides);
      setError(null);
    } catch (e) {
      setSchema(null);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    const problem = needsPath ? pathProblem(dataPath, kind === 'tabular' ? 'file' : 'folder') : undefined;
    setPathError(problem);
    if (problem || Object.keys(errors).length > 0) return;
    if (kind === 'tabular' && !schema) return setError('Check the table first: press “Read table”.');
    setBusy(true);
    try {
      const common = { stage1Steps: settings.stage1Steps, stage2Steps: settings.stage2Steps, beta: settings.beta, latents: settings.latents, batch: settings.batch, lr: settings.lr, stage2Lr: settings.lr, seed: settings.seed };
      const run =
        kind === 'image'
          ? await call('runs.startImage', {
              projectId: project.id,
              config: {
                ...common,
                data: imageData === 'folder' ? dataPath.trim() : imageData,
                imageSize: settings.imageSize,
                channels: imageData === 'folder' ? channels : 1,
                stage2: settings.stage2 === 'gan' ? 'gan' : 'vae',
                previewEvery: Math.max(10, Math.round((settings.stage1Steps + settings.stage2Steps) / 40)),
                checkpointEvery: Math.max(50, Math.round((settings.stage1Steps + settings.stage2Steps) / 20)),
              },
            })
          : await call('runs.startTabular', {
              projectId: project.id,
              config: { ...common, data: dataPath.trim(), stage2: settings.stage2 === 'gmm' ? 'gmm' : 'vae' },
              overrides,
            });
      setError(null);
      onStarted(run.id);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="train-heading">
      <h3 id="train-heading">Train a model</h3>
      <fieldset className="data-choice">
        <legend>Data</legend>
        {kind === 'image' ? (
          <>
            {(['dsprites', 'mnist', 'folder'] as const).map((d) => (
              <label key={d} className="inline">
                <input type="radio" name="image-data" checked={imageData === d} onChange={() => setImageData(d)} />
                {d === 'dsprites' ? 'dSprites (shapes with known factors)' : d === 'mnist' ? 'MNIST digits' : 'A folder of images'}
              </label>
            ))}
          </>
        ) : (
          <p className="muted">A CSV file (any delimiter) or a JSON array of records.</p>
        )}
        {needsPath && (
          <div className="row">
            <label htmlFor="data-path">{kind === 'tabular' ? 'Table file' : 'Image folder'}</label>
            <input
              id="data-path"
              className="wide"
              value={dataPath}
              placeholder={kind === 'tabular' ? '/home/me/data/table.csv' : '/home/me/pictures/faces'}
              aria-invalid={!!pathError}
              onChange={(e) => {
                setDataPath(e.target.value);
                setSchema(null);
              }}
            />
            {kind === 'tabular' && (
              <button type="button" disabled={busy} onClick={() => void inspect(overrides)}>
                Read table
              </button>
            )}
            {kind === 'image' && (
              <select aria-label="Colour" value={channels} onChange={(e) => setChannels(Number(e.target.value) === 1 ? 1 : 3)}>
                <option value={3}>Colour</option>
                <option value={1}>Greyscale</option>
              </select>
            )}
          </div>
        )}
        {pathError && <p className="error" role="alert">{pathError}</p>}
      </fieldset>
      {kind === 'tabular' && schema && <SchemaEditor schema={schema} busy={busy} onOverride={(next) => void inspect(next)} overrides={overrides} />}
      <PresetPicker
        kind={kind}
        selected={presetName}
        onPick={(name, s) => {
          setPresetName(name);
          setSettings(s);
        }}
      />
      <AdvancedSettings
        kind={kind}
        settings={settings}
        errors={errors}
        onChange={(s) => {
          setPresetName(null);
          setSettings(s);
        }}
      />
      <ErrorMessage message={error} />
      <div className="row">
        <button type="button" className="primary" disabled={busy || Object.keys(errors).length > 0} onClick={() => void start()}>
          Start training
        </button>
      </div>
    </section>
  );
}
