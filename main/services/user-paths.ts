import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from './errors';

/**
 * Paths the user gives (a data folder, a table file) are checked here before any job sees
 * them: absolute, existing, of the right kind. The message names the field and the path.
 */
export function checkUserFolder(value: string, field: string): string {
  checkPathText(value, field);
  if (!path.isAbsolute(value)) throw new StudioError('invalid_input', `The folder "${value}" must be an absolute path.`, field);
  const resolved = path.resolve(value);
  if (!existsSync(resolved)) throw new StudioError('invalid_input', `The folder ${resolved} does not exist.`, field);
  if (!statSync(resolved).isDirectory()) throw new StudioError('invalid_input', `${resolved} is a file, not a folder: choose the folder that holds the images.`, field);
  return resolved;
}

/** Text that cannot be a path on any OS is refused before the file system sees it. */
function checkPathText(value: string, field: string): void {
  if (value.includes('\0')) throw new StudioError('invalid_input', 'A path must not contain NUL characters.', field);
}

export function checkUserFile(value: string, field: string, extensions: readonly string[]): string {
  checkPathText(value, field);
  if (!path.isAbsolute(value)) throw new StudioError('invalid_input', `The file "${value}" must be an absolute path.`, field);
  const resolved = path.resolve(value);
  if (!extensions.includes(path.extname(resolved).toLowerCase())) {
    throw new StudioError('invalid_input', `${resolved}: expected a ${extensions.join(' or ')} file.`, field);
  }
  if (!existsSync(resolved)) throw new StudioError('invalid_input', `The file ${resolved} does not exist.`, field);
  if (!statSync(resolved).isFile()) throw new StudioError('invalid_input', `${resolved} is a folder, not a file: choose the table file itself.`, field);
  return resolved;
}

const builtInImageData = new Set(['dsprites', 'mnist']);

/** A built-in image dataset's name, or a checked folder. */
export function checkImageData(data: string, field: string): string {
  if (builtInImageData.has(data.toLowerCase())) return data.toLowerCase();
  return checkUserFolder(data, field);
}

export const tableExtensions = ['.csv', '.tsv', '.txt', '.json'];
