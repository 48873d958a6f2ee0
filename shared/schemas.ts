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
