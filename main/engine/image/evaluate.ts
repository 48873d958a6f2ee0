import path from 'node:path';
import type { ImageEvaluation } from '../../../shared/image-evaluation';
import { phaseProgress, type Progress } from '../../../shared/progress';
import { eventYielder } from '../core/job-context';
import { createPermutation, mixSeed } from '../core/permutation';
import { runYielding } from '../core/steps';
import { openEvaluationSource } from './data/run-data';
import { codesChunk, evaluateChunk } from './evaluate-chunk';
import { SAMPLE_QUALITY_IMAGES, sampleQuality } from './evaluate-quality';
import { disentanglementScores, MeanOf, preservationScores, round, type Stage2Codes } from './evaluate-scores';
import { loadTrainedRun, readRunManifest } from './load-run';
import { activeDims, activeThreshold } from './metrics/active-factors';
import { featureNetId } from './metrics/feature-net';
import { reconstructionMetrics } from './metrics/image-quality';
import { interpretabilitySteps } from './metrics/interpretability';
import { stage2MiSteps } from './metrics/stage2-mi';
import { SAP_TEST, SAP_TRAIN } from './metrics/sap';

const chunk = 64;

export interface EvaluateCallbacks {
  onProgress(progress: Progress): void;
  isCancelled(): boolean;
}

/**
 * The evaluate report (METHOD.md, 'What the app must measure') of a trained run, on a fixed,
 * seeded set of `samples` examples (10,000 by default: disentanglement_lib's mig num_train),
 * plus samples / 2 more images whose codes are SAP's separate test set (its 10,000 / 5,000)
 * when the data has them. When cancelled: how many examples were done by then.
 * Everything long is awaited through one event yielder (a chunk, an SVM fit, a few mini-batches
 * of a classifier: core/steps.ts), so the compute process keeps beating for the watchdog: reading
 * a chunk back resolves as a microtask on the CPU backends, which alone never lets a timer run.
 */
export async function evaluateImageRun(runDir: string, samples: number, callbacks: EvaluateCallbacks): Promise<{ report: ImageEvaluation; step: number } | { cancelledAt: number }> {
  const pause = eventYielder();
  const run = loadTrainedRun(runDir);
  const { config, model } = run;
  const trained2 = run.hasStage2;
  const manifest = readRunManifest(runDir);
  // Held-out images only (a folder's recorded hold-out, MNIST's test split; dSprites' full grid).
  const { source, ...evaluatedOn } = await openEvaluationSource(manifest);
  try {
    const info = source.info;
    const n = Math.min(samples, info.count);
    if (n < 2) throw new Error(`evaluate needs at least 2 examples; the dataset has ${info.count}`);
    const f = info.factors?.length ?? 0;
    const sapTestN = f > 0 && info.count >= n + Math.ceil(n / 2) ? Math.ceil(n / 2) : 0;
    const order = createPermutation(info.count, mixSeed(config.seed, 0x5eed));
    const s = config.imageSize;
    const per = s * s * config.channels;
    const d = config.latents;
    // FD / KID use the first nq of the evaluated images (evaluate-quality.ts says why).
    const nq = Math.min(n, SAMPLE_QUALITY_IMAGES);
    const total = n + sapTestN + nq;
    const realImages = new Float32Array(nq * per);
    const codes1 = new Float32Array(n * d);
    const codes2: Stage2Codes = { x: codes1, xhat: new Float32Array(n * d), randomZ: new Float32Array(n * d), shuffledY: new Float32Array(n * d), donor: new Float32Array(n * d) };
    const factors = new Int32Array(n * f);
    // Labels for the interpretability scores: the factors, else a folder's classes.
    const labelSpecs = info.factors ?? info.labels ?? [];
    const labelValues = info.factors ? factors : new Int32Array(n * labelSpecs.length);
    const dz = config.zDim;
    // Stage 2's own codes for the paper's analyses: z(x) (interpretability) and c(y) (M1).
    const zCodes = trained2 ? new Float32Array(n * dz) : null;
    const codesY = trained2 ? new Float32Array(n * d) : null;
    const recon = { stage1: new MeanOf(), stage2: new MeanOf(), stage2MeanY: new MeanOf() };
    const kl = new Float64Array(d);
    let tcSum = 0;
    for (let start = 0; start < n; start += chunk) {
      if (callbacks.isCancelled()) return { cancelledAt: start };
      const m = Math.min(chunk, n - start);
      const batch = await source.read(Array.from({ length: m }, (_, i) => order(start + i)));
      if (start < nq) realImages.set(batch.images.subarray(0, Math.min(m, nq - start) * per), start * per);
      if (batch.factors) factors.set(batch.factors, start * f);
      else if (batch.labels) labelValues.set(batch.labels, start * labelSpecs.length);
      const out = await evaluateChunk(model, batch.images, m, config.seed + start, info.count, trained2, pause);
      recon.stage1.add(reconstructionMetrics(batch.images, out.yLogits, m, s, config.channels), m);
      if (out.xLogits) recon.stage2.add(reconstructionMetrics(batch.images, out.xLogits, m, s, config.channels), m);
      if (out.xLogitsMeanY) recon.stage2MeanY.add(reconstructionMetrics(batch.images, out.xLogitsMeanY, m, s, config.channels), m);
      codes1.set(out.cX, start * d);
      if (out.cXhat) codes2.xhat.set(out.cXhat, start * d);
      if (out.cRandomZ) codes2.randomZ.set(out.cRandomZ, start * d);
      if (out.cShuffledY) codes2.shuffledY.set(out.cShuffledY, start * d);
      if (out.cDonor) codes2.donor.set(out.cDonor, start * d);
      if (out.zMu) zCodes?.set(out.zMu, start * dz);
      if (out.cY) codesY?.set(out.cY, start * d);
      out.klDims.forEach((v, k) => (kl[k] = (kl[k] ?? 0) + v * m));
      tcSum += out.tc * m;
      callbacks.onProgress(phaseProgress('evaluate', start + m, total));
      await pause();
    }

    // SAP's test images: only their codes (stage 1, and stage 2's mean-y rebuild).
    const test = { x: new Float32Array(sapTestN * d), xhat: new Float32Array(sapTestN * d), factors: new Int32Array(sapTestN * f) };
    for (let start = 0; start < sapTestN; start += chunk) {
      if (callbacks.isCancelled()) return { cancelledAt: n };
      const m = Math.min(chunk, sapTestN - start);
      const batch = await source.read(Array.from({ length: m }, (_, i) => order(n + start + i)));
      if (batch.factors) test.factors.set(batch.factors, start * f);
      const out = await codesChunk(model, batch.images, m, trained2);
      test.x.set(out.cX, start * d);
      if (out.cXhat) test.xhat.set(out.cXhat, start * d);
      callbacks.onProgress(phaseProgress('evaluate', n + start + m, total));
      await pause();
    }

    const quality = await sampleQuality(model, realImages, nq, trained2, (done) => callbacks.onProgress(phaseProgress('evaluate', n + sapTestN + done, total)), pause);

    const factorNames = (info.factors ?? []).map((fs) => fs.name);
    const testSet = (c: Float32Array) => (sapTestN > 0 ? { codes: c, factors: test.factors, n: sapTestN } : null);
    const dis1 = f > 0 ? await runYielding(disentanglementScores({ codes: codes1, factors, n }, testSet(test.x), d, f, factorNames), pause) : null;
    const dis2 = f > 0 && trained2 ? await runYielding(disentanglementScores({ codes: codes2.xhat, factors, n }, testSet(test.xhat), d, f, factorNames), pause) : null;
    const klPerDim = [...kl].map((v) => round(v / n, 4));
    const active = activeDims(klPerDim);
    const interpretability =
      labelSpecs.length > 0
        ? await runYielding(interpretabilitySteps({ n, c: { values: codes1, dims: d }, z: zCodes ? { values: zCodes, dims: dz } : null, labelValues, labels: labelSpecs, split: evaluatedOn.split }), pause)
        : undefined;
    const stage2Mi = codesY ? await runYielding(stage2MiSteps({ x: codes1, m1: codesY, m2: codes2.xhat, m3: codes2.randomZ, m4: codes2.shuffledY }, n, d, active, evaluatedOn.split), pause) : null;
    const preservation = trained2 ? await runYielding(preservationScores(codes2, n, d, active), pause) : null;
    const report: ImageEvaluation = {
      run: path.resolve(runDir),
      dataset: manifest.dataset.name,
      step: run.step,
      stage2_trained: trained2,
      stage2_kind: config.stage2,
      samples: n,
      evaluated_on: evaluatedOn,
      y_mode: config.yMode,
      stage1: recon.stage1.result(),
      stage2: trained2 ? recon.stage2.result() : null,
      stage2_mean_y: trained2 ? recon.stage2MeanY.result() : null,
      disentanglement: !dis1
        ? { factors_used: [], note: 'no ground-truth factors in this dataset' }
        : {
            factors_used: factorNames,
            note: `disentanglement_lib protocol on mean codes. MIG: 20 equal-width bins, MI / factor entropy (mig num_train ${SAP_TRAIN}). SAP: LinearSVC(C=0.01, balanced) per code dim and factor, accuracy gap of the top two (num_train ${SAP_TRAIN}, num_test ${SAP_TEST}).`,
            protocol: { mig_samples: n, sap_train: dis1.sapTrain, sap_test: dis1.sapTest },
            stage1: dis1.scores,
            stage2: dis2?.scores ?? null,
          },
      mig: dis1?.scores.mig ?? null,
      preservation,
      ...(interpretability ? { interpretability } : {}),
      stage2Mi,
      sample_quality: { feature_net: featureNetId, note: 'FD (local random-conv features), not FID', ...quality },
      factors: { kl_per_dim: klPerDim, active: active.length, active_threshold: round(activeThreshold(klPerDim), 4), active_dims: active, tc_estimate: round(tcSum / n) },
    };
    return { report, step: run.step };
  } finally {
    model.dispose();
    await source.close?.();
  }
}
