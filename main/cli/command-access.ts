import path from 'node:path';
import { argValue } from '../app-paths';

/**
 * What a CLI command does to the data folder. 'read' commands open it read-only beside whatever
 * process owns it and change nothing there (no lock, no recovery). 'write' commands need the
 * folder to themselves: they take its lock for their duration, and refuse, naming the holder,
 * while the app or host mode has it.
 */
export type CommandAccess = 'read' | 'write';

/** Flags naming a file or folder the command writes. */
const outputFlags = ['out', 'html'];

export function commandAccess(positional: readonly string[], argv: readonly string[], dataDir: string): CommandAccess {
  const [command, sub] = positional;
  // The history database: creating a project writes a row and a folder.
  if (command === 'projects' && sub === 'create') return 'write';
  // Training, generating and reports write where the user points them; inside the data folder
  // that is the owner's territory (a run folder it may be training into).
  for (const flag of outputFlags) {
    const value = argValue(argv, flag);
    if (value !== undefined && isInside(path.resolve(value), dataDir)) return 'write';
  }
  return 'read';
}

function isInside(target: string, dir: string): boolean {
  const rel = path.relative(path.resolve(dir), target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
