import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobResult } from '../shared/compute-protocol';
import type { Project, RunSummary } from '../shared/models';
import { createDispatch } from '../main/api-handlers';
import { selectBackend } from '../main/engine/core/backend';
import { decodeCodes } from '../main/engine/image/sampling';
import { loadTrainedRun } from '../main/engine/image/load-run';
import { forkComputeProcess } from '../main/jobs/compute-process';
import { JobRunner } from '../main/jobs/job-runner';
import { createServices } from '../main/services';
import { medianOf as median } from './stats';

/** A tiny image run, as the integration tests train it: enough for a model, not for quality. */
const tinyConfig = { data: 'dsprites', imageSize: 32, batch: 8, latents: 3, zDim: 4, stage2Width: 8, stage1Steps: 4, stage2Steps: 2, checkpointEvery: 3, previewEvery: 1000 };

export interface InspectDecodeOptions {
  readonly requests: number;
  /** The built compute process entry (out/main/worker.cjs). */
  readonly workerPath: string;
}

const round = (ms: number) => Number(ms.toFixed(1));
const medianOf = (values: number[]) => round(median(values));

/**
 * The factor inspector's slider redraw, `runs.decode` end to end through the services (the
 * persistent inference process), against the old one-shot path (a fresh compute process per
 * request, split into process start + TF.js load, and model load + decode + PNG), and the
 * model load and decode alone in this process.
 */
export async function inspectDecodeBench(options: InspectDecodeOptions): Promise<object> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'factor-studio-bench-'));
  const services = createServices({ dataDir, mode: 'host', version: 'bench', spawn: forkComputeProcess, workerPath: options.workerPath });
  const dispatch = createDispatch(services, () => {});
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  const oneShot = new JobRunner({ spawn: forkComputeProcess, workerPath: options.workerPath });
  try {
    const project = await call<Project>('projects.create', { name: 'Decode bench' });
    const started = await call<RunSummary>('runs.startImage', { projectId: project.id, config: tinyConfig });
    let run = started;
    while (run.status === 'queued' || run.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      run = await call<RunSummary>('runs.get', { id: started.id });
    }
    if (run.status !== 'completed') throw new Error(`the bench run ended ${run.status}: ${run.error ?? ''}`);
    const runDir = path.join(dataDir, 'projects', project.id, 'runs', run.id);
    const code = (i: number) => [((i % 21) - 10) * 0.2, 0.5, -0.5];

    // The API path (now the persistent inference process): the first request starts it.
    const api: number[] = [];
    for (let i = 0; i <= options.requests; i++) {
      const t0 = performance.now();
      await call('runs.decode', { id: run.id, c: code(i) });
      api.push(performance.now() - t0);
    }

    // The one-shot path: a fresh compute process per request.
    const total: number[] = [];
    const startToBackend: number[] = [];
    const backendToDone: number[] = [];
    for (let i = 0; i < options.requests; i++) {
      const t0 = performance.now();
      let backendAt = t0;
      await new Promise<JobResult>((resolve, reject) => {
        oneShot.submit(`bench-decode-${i}`, { kind: 'image-inspect', runDir, request: { action: 'decode', c: code(i) } }, {
          onBackend: () => (backendAt = performance.now()),
          onDone: resolve,
          onCancelled: () => reject(new Error('cancelled')),
          onFailed: (message) => reject(new Error(message)),
        });
      });
      const t1 = performance.now();
      total.push(t1 - t0);
      startToBackend.push(backendAt - t0);
      backendToDone.push(t1 - backendAt);
    }

    // The same work in this process, without any process or IPC around it.
    const backend = await selectBackend();
    const load: number[] = [];
    const decode: number[] = [];
    for (let i = 0; i < options.requests; i++) {
      const t0 = performance.now();
      const trained = loadTrainedRun(runDir);
      const t1 = performance.now();
      await decodeCodes(trained.model, Float32Array.from(code(i)), new Float32Array(trained.config.zDim), 1, trained.hasStage2);
      decode.push(performance.now() - t1);
      load.push(t1 - t0);
      trained.model.dispose();
    }

    return {
      bench: 'inspect-decode',
      backend: backend.name,
      requests: options.requests,
      image: `${tinyConfig.imageSize}x${tinyConfig.imageSize}`,
      api_decode_first_ms: round(api[0] ?? Number.NaN),
      api_decode_median_ms: medianOf(api.slice(1)),
      one_shot_median_ms: medianOf(total),
      one_shot_start_and_tfjs_median_ms: medianOf(startToBackend),
      one_shot_load_decode_png_median_ms: medianOf(backendToDone),
      in_process_model_load_median_ms: medianOf(load),
      in_process_decode_median_ms: medianOf(decode),
    };
  } finally {
    await oneShot.shutdown();
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
