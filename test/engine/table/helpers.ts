/** Small builders for the tabular tests: a temp folder and CSV text from rows. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { tempDir } from '../../helpers/temp-dir';

export function tabularTempDir(): { path: string; remove(): void; write(name: string, content: string | Uint8Array): string } {
  const dir = tempDir('fs-tabular-');
  return {
    ...dir,
    write(name, content) {
      const file = join(dir.path, name);
      writeFileSync(file, content);
      return file;
    },
  };
}

/** The crafted table of every type, with missing values, an id and a constant column (80 rows). */
export function everyTypeCsv(delimiter = ','): string {
  const lines = [['id', 'age', 'height', 'colour', 'member', 'joined', 'seen_at', 'country', 'flag01', 'empty'].join(delimiter)];
  const colours = ['red', 'green', 'blue'];
  for (let i = 1; i <= 80; i++) {
    const age = i % 9 === 0 ? 'NA' : String(18 + ((i * 7) % 50));
    const height = i % 11 === 0 ? '' : (150 + ((i * 13) % 400) / 10).toFixed(1);
    const colour = i % 13 === 0 ? 'null' : colours[i % 3]!;
    const member = i % 17 === 0 ? '?' : i % 2 === 0 ? 'Yes' : 'No';
    const day = String((i % 28) + 1).padStart(2, '0');
    const joined = i % 19 === 0 ? 'N/A' : `2021-03-${day}`;
    const seenAt = `2022-11-${day} ${String(i % 24).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:${String((i * 11) % 60).padStart(2, '0')}`;
    lines.push([String(i), age, height, colour, member, joined, seenAt, 'NZ', String(i % 3 === 0 ? 1 : 0), ''].join(delimiter));
  }
  return lines.join('\n') + '\n';
}
