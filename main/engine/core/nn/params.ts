import * as tf from '@tensorflow/tfjs-core';

let instanceCounter = 0;

/**
 * The trainable weights of one model, by stable name ('enc/conv1/kernel'). TF.js needs
 * globally unique variable names, so each instance prefixes its own; checkpoints use the
 * stable names. Initialisation is seeded: the same seed gives the same weights.
 */
export class Params {
  private readonly vars = new Map<string, tf.Variable>();
  private readonly prefix = `p${++instanceCounter}`;
  private seedCounter: number;

  constructor(seed: number) {
    this.seedCounter = seed * 7919;
  }

  /** He-normal for ReLU-family layers: std = sqrt(2 / fanIn). */
  weight(name: string, shape: number[], fanIn: number, gain = 2): tf.Variable {
    return this.add(name, () => tf.randomNormal(shape, 0, Math.sqrt(gain / fanIn), 'float32', this.seedCounter++));
  }

  zeros(name: string, shape: number[]): tf.Variable {
    return this.add(name, () => tf.zeros(shape));
  }

  ones(name: string, shape: number[]): tf.Variable {
    return this.add(name, () => tf.ones(shape));
  }

  get(name: string): tf.Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`no parameter named ${name}`);
    return v;
  }

  /** Variables in creation order: the order optimizers and checkpoints rely on. */
  list(): tf.Variable[] {
    return [...this.vars.values()];
  }

  entries(): [string, tf.Variable][] {
    return [...this.vars.entries()];
  }

  count(): number {
    return this.list().reduce((sum, v) => sum + v.size, 0);
  }

  /** Copies values in by stable name; every parameter must be present with its shape. */
  assign(values: ReadonlyMap<string, tf.Tensor>): void {
    for (const [name, v] of this.vars) {
      const value = values.get(name);
      if (!value) throw new Error(`checkpoint has no weight ${name}`);
      if (value.shape.join('x') !== v.shape.join('x')) {
        throw new Error(`checkpoint weight ${name} has shape [${value.shape}], the model expects [${v.shape}]`);
      }
      v.assign(value);
    }
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }

  private add(name: string, init: () => tf.Tensor): tf.Variable {
    if (this.vars.has(name)) throw new Error(`duplicate parameter ${name}`);
    const value = init();
    const v = tf.variable(value, true, `${this.prefix}/${name}`);
    value.dispose();
    this.vars.set(name, v);
    return v;
  }
}
