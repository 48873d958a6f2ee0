import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../shared/models';
import { testServices } from '../helpers/services';

describe('API dispatch: schemas and project service', () => {
  let t: ReturnType<typeof testServices>;
  beforeEach(() => {
    t = testServices();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const create = async (name: string, kind = 'image') => {
    const result = await t.dispatch('projects.create', { name, kind });
    if (!result.ok) throw new Error(result.error.message);
    return result.value as Project;
  };

  it('creates, renames, lists and deletes a project, with its folder', async () => {
    const project = await create('  Sprites  ');
    expect(project.name).toBe('Sprites');
    const folder = path.join(t.dataDir, 'projects', project.id);
    expect(existsSync(folder)).toBe(true);
    const renamed = await t.dispatch('projects.rename', { id: project.id, name: 'Shapes' });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Shapes' } });
    const list = await t.dispatch('projects.list', {});
    expect(list.ok && (list.value as Project[]).map((p) => p.name)).toEqual(['Shapes']);
    expect(await t.dispatch('projects.delete', { id: project.id })).toEqual({ ok: true, value: { deleted: true } });
    expect(existsSync(folder)).toBe(false);
    expect(await t.dispatch('projects.get', { id: project.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a second project with the same name, whatever the case', async () => {
    await create('Digits');
    expect(await t.dispatch('projects.create', { name: 'digits' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'name', message: expect.stringMatching(/already exists/) },
    });
  });

  it.each([
    ['an unknown method', 'projects.explode', {}, 'not_found', undefined, /no API method/],
    ['a number as name', 'projects.create', { name: 42 }, 'invalid_input', 'name', /expected a project name/],
    ['an empty name', 'projects.create', { name: '   ' }, 'invalid_input', 'name', /cannot be empty/],
    ['a name with a path separator', 'projects.create', { name: '../etc' }, 'invalid_input', 'name', /cannot contain \//],
    ['a name with a backslash', 'projects.create', { name: 'a\\b' }, 'invalid_input', 'name', /cannot contain/],
    ['a name too long', 'projects.create', { name: 'x'.repeat(81) }, 'invalid_input', 'name', /at most 80/],
    ['an unknown kind', 'projects.create', { name: 'ok', kind: 'audio' }, 'invalid_input', 'kind', /image.*tabular/],
    ['an extra field', 'projects.create', { name: 'ok', path: '/etc' }, 'invalid_input', undefined, /Unrecognized key/],
    ['a bad id', 'projects.get', { id: 'not-an-id' }, 'invalid_input', 'id', /UUID/],
    ['a payload that is not an object', 'projects.list', 'hello', 'invalid_input', undefined, /expected object/i],
    ['fractional steps', 'runs.startCheck', { projectId: '00000000-0000-4000-8000-000000000000', steps: 1.5 }, 'invalid_input', 'steps', /whole number/],
    ['too many steps', 'runs.startCheck', { projectId: '00000000-0000-4000-8000-000000000000', steps: 1e9 }, 'invalid_input', 'steps', /at most/],
  ])('rejects %s with a clear message', async (_label, method, input, code, field, message) => {
    const before = (await t.dispatch('projects.list', {})) as { ok: true; value: Project[] };
    const result = await t.dispatch(method, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.field).toBe(field);
    expect(result.error.message).toMatch(message);
    expect(await t.dispatch('projects.list', {})).toEqual(before);
  });

  it('reports a missing project when starting a run for it', async () => {
    const result = await t.dispatch('runs.startCheck', { projectId: '00000000-0000-4000-8000-000000000000', steps: 5 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/Project .* does not exist/) } });
  });

  it('describes the system', async () => {
    const result = await t.dispatch('system.info', {});
    expect(result).toMatchObject({ ok: true, value: { mode: 'host', dataDir: t.dataDir, lastBackend: null } });
  });
});
