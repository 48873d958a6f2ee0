import * as tf from '@tensorflow/tfjs-core';
import type { LossTerms } from './losses/terms';
import type { Params } from './nn/params';

/**
 * What every training step (image or table) returns, and the two helpers each step is built
 * from. Everything a step allocates is freed before it returns, except the returned terms.
 */
export interface StepResult {
  /** [terms.length] values, in the order of `names`; the caller disposes it. */
  readonly values: tf.Tensor1D;
  readonly names: readonly string[];
}

export interface Optimizers {
  readonly [name: string]: tf.Optimizer;
}

/** Runs f under the gradient tape for `params`, applies the update, and keeps f's terms. */
export function update(optimizer: tf.Optimizer, params: Params, f: () => LossTerms): StepResult {
  let kept: StepResult | undefined;
  const { grads } = tf.variableGrads(() => {
    const { total, terms } = f();
    const names = ['loss', ...Object.keys(terms)];
    kept = { values: tf.keep(tf.stack([total, ...Object.values(terms)]) as tf.Tensor1D), names };
    return total;
  }, params.list());
  optimizer.applyGradients(grads);
  tf.dispose(grads);
  if (!kept) throw new Error('loss function returned nothing');
  return kept;
}

/** tf.tidy for a step: frees everything but the kept terms (tidy itself only returns tensors). */
export function tidyStep(f: () => StepResult): StepResult {
  let names: readonly string[] = [];
  const values = tf.tidy(() => {
    const result = f();
    names = result.names;
    return result.values;
  });
  return { values, names };
}
