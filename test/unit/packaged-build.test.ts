/**
 * What a packaged build must not take from its surroundings (Electron cannot start on the test
 * machines, so these are checked on the sources, as in electron-security.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

describe('a packaged build', () => {
  it('ignores FACTOR_STUDIO_SQLITE_BINDING (a native module path from the environment is for development only)', () => {
    const source = read('main/electron/main.ts');
    const uses = source.split('\n').filter((line) => line.includes("'FACTOR_STUDIO_SQLITE_BINDING'"));
    expect(uses.length).toBe(1);
    // Read only on the branch where app.isPackaged is false.
    expect(uses[0]).toMatch(/app\.isPackaged\s*\?\s*undefined\s*:\s*process\.env\['FACTOR_STUDIO_SQLITE_BINDING'\]/);
  });

  it('turns off the grantFileProtocolExtraPrivileges fuse (the app is served over app://, not file://)', () => {
    const yml = read('electron-builder.yml');
    const fuses = yml.slice(yml.indexOf('electronFuses:'));
    expect(fuses.length).toBeLessThan(yml.length);
    expect(/^\s+grantFileProtocolExtraPrivileges:\s*(true|false)\s*$/m.exec(fuses)?.[1]).toBe('false');
  });
});
