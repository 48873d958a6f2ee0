import { z } from 'zod';

/** Shared field schemas. Messages say what was expected, for the user to read. */

export const idSchema = z.uuid({ message: 'expected an id (UUID)' });

// eslint-disable-next-line no-control-regex -- control characters are exactly what a name may not contain
const forbiddenNameChars = /[/\\\u0000-\u001f\u007f]/;

export const projectNameSchema = z
  .string({ message: 'expected a project name (text)' })
  .trim()
  .min(1, { message: 'a project name cannot be empty' })
  .max(80, { message: 'a project name can be at most 80 characters' })
  .refine((name) => !forbiddenNameChars.test(name), {
    message: 'a project name cannot contain / or \\ or control characters',
  })
  .refine((name) => name !== '.' && name !== '..', { message: 'a project name cannot be . or ..' });

/** A path the user picked: long enough for any OS, short enough that a message can quote it. */
export const userPathSchema = z
  .string({ message: 'expected a path (text)' })
  .min(1, { message: 'expected a path' })
  .max(4096, { message: 'a path can be at most 4096 characters' });

export const projectKindSchema = z.enum(['image', 'tabular'], {
  message: 'expected a project kind: "image" or "tabular"',
});

export const emptyInputSchema = z.object({}).strict();

/** An inclusive range of a numeric config field. */
export interface Limit {
  readonly min: number;
  readonly max: number;
}

/**
 * The training limits both model configs share (image-config.ts, tabular-config.ts), written
 * once: the config schemas enforce them and the setup screens check them as the user types.
 */
export const trainingLimits = {
  stageSteps: { min: 0, max: 10_000_000 },
  latents: { min: 1, max: 64 },
  beta: { min: 0, max: 100 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  /** Learning rates are above 0 and at most this. */
  lrMax: 1,
} as const satisfies Record<string, Limit | number>;

/** A whole number within a limit. */
export const wholeNumberIn = (limit: Limit) => z.number().int().min(limit.min).max(limit.max);

/** A number within a limit. */
export const numberIn = (limit: Limit) => z.number().min(limit.min).max(limit.max);

/** A learning rate: above 0, at most trainingLimits.lrMax. */
export const learningRate = () => z.number().positive().max(trainingLimits.lrMax);
