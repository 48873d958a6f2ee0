import { projectNameSchema } from '../../../../shared/schemas';

/** The first problem with a project name, by the API's own rules; null when it is fine. */
export function nameProblem(name: string): string | null {
  const result = projectNameSchema.safeParse(name);
  return result.success ? null : (result.error.issues[0]?.message ?? 'invalid name');
}
