import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findCodeEnvById, listCodeEnvs } from '../../src/db/queries/code-envs.js';
import type { CodeEnvInput } from '../../src/domain/code-env.js';
import { codeEnvProblemMessages } from '../../src/services/code-env-problems.js';
import { createCodeEnv, deleteCodeEnv, updateCodeEnv, type SaveCodeEnvResult } from '../../src/services/code-envs.js';
import { loadCurrentUser, type CurrentUser } from '../../src/services/principal.js';
import { snapshot } from '../support/db-snapshot.js';
import { addUser, makeApp, withSpace, type TestApp } from '../support/app.js';

const PANDAS: CodeEnvInput = {
  name: 'pandas-env',
  language: 'python',
  languageVersion: '3.11',
  requirements: '# data\npandas>=2.0,<3\nnumpy',
  description: 'For the churn models.',
};

async function signedIn(t: TestApp, userId: number): Promise<CurrentUser> {
  const user = await loadCurrentUser(t.db, userId);
  if (!user) throw new Error('no such user');
  return user;
}

/** A space whose code envs are managed by Mia, a designer in a group holding only Manage code envs. */
async function spaceWithManager() {
  const t = await makeApp();
  const owner = await withSpace(t);
  const mia = await addUser(t, {
    email: 'mia@example.com',
    name: 'Mia Manager',
    profile: 'designer',
    groups: [{ name: 'code-env-managers', permissions: ['manage_code_envs'] }],
  });
  const reader = await addUser(t, { email: 'rita@example.com', name: 'Rita Reader' });
  return { t, owner: await signedIn(t, owner.id), mia: await signedIn(t, mia.id), reader: await signedIn(t, reader.id) };
}

function created(r: SaveCodeEnvResult): number {
  if (!r.ok) throw new Error(`not created: ${JSON.stringify(r)}`);
  return r.id;
}

const messagesOf = (r: SaveCodeEnvResult) => (!r.ok && r.code === 'invalid' ? codeEnvProblemMessages(r.problems) : null);

const events = (t: TestApp, action: string) => listAuditEvents(t.db, { action, limit: 10 });

describe('createCodeEnv', () => {
  it('stores the code env with who created it and when', async () => {
    const { t, mia } = await spaceWithManager();
    const id = created(await createCodeEnv(t.deps, mia, { ...PANDAS, name: '  pandas-env ' }));
    expect(await findCodeEnvById(t.db, id)).toEqual({
      id,
      name: 'pandas-env',
      language: 'python',
      languageVersion: '3.11',
      requirements: '# data\npandas>=2.0,<3\nnumpy',
      description: 'For the churn models.',
      createdBy: mia.id,
      createdByLabel: 'Mia Manager',
      createdAt: t.deps.now(),
      updatedAt: t.deps.now(),
    });
  });

  it('writes a code_env.created audit event', async () => {
    const { t, mia } = await spaceWithManager();
    const id = created(await createCodeEnv(t.deps, mia, PANDAS));
    const [event, ...more] = await events(t, 'code_env.created');
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      at: t.deps.now(),
      actorId: mia.id,
      actorLabel: 'mia@example.com',
      targetType: 'code_env',
      targetId: String(id),
      targetLabel: 'pandas-env',
      details: { language: 'Python 3.11', packages: 2 },
    });
  });

  it.each([
    { what: 'no name', input: { name: '' }, expected: { name: 'Enter a name.' } },
    { what: 'a name with spaces', input: { name: 'my env' }, expected: { name: 'Use only letters, digits, _ and - (no spaces).' } },
    { what: 'an unknown language', input: { language: 'julia' }, expected: { language: 'Choose Python or R.' } },
    { what: 'an R version for Python', input: { languageVersion: '4.4' }, expected: { languageVersion: 'Choose a version of Python: 3.9, 3.10, 3.11, 3.12 or 3.13.' } },
    {
      what: 'a bad requirement line',
      input: { requirements: 'pandas\nnumpy==' },
      expected: {
        requirements:
          'Line 2 is not a valid Python requirement: "numpy==". Write a package name, then optional [extras] and version constraints, such as pandas>=2.0,<3 or requests[socks] (>=2.31).',
      },
    },
    { what: 'a long description', input: { description: 'x'.repeat(501) }, expected: { description: 'Use at most 500 characters (this has 501).' } },
  ])('refuses $what and writes nothing', async ({ input, expected }) => {
    const { t, mia } = await spaceWithManager();
    const before = await snapshot(t.db);
    const r = await createCodeEnv(t.deps, mia, { ...PANDAS, ...input });
    expect(messagesOf(r)).toEqual(expected);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it.each(['pandas-env', 'PANDAS-ENV', 'Pandas-Env', ' pandas-env '])('refuses %j when pandas-env exists: names are unique whatever the case', async (name) => {
    const { t, mia } = await spaceWithManager();
    created(await createCodeEnv(t.deps, mia, PANDAS));
    const r = await createCodeEnv(t.deps, mia, { ...PANDAS, name, language: 'r', languageVersion: '4.4', requirements: 'dplyr' });
    expect(messagesOf(r)).toEqual({ name: 'A code env named pandas-env already exists. Names are unique whatever their case; choose another.' });
    expect(await listCodeEnvs(t.db)).toHaveLength(1);
    expect(await events(t, 'code_env.created')).toHaveLength(1);
  });

  it('shows a taken name together with the other problems', async () => {
    const { t, mia } = await spaceWithManager();
    created(await createCodeEnv(t.deps, mia, PANDAS));
    const r = await createCodeEnv(t.deps, mia, { ...PANDAS, languageVersion: '2.7' });
    expect(Object.keys(messagesOf(r) ?? {})).toEqual(['name', 'languageVersion']);
  });
});

describe('updateCodeEnv', () => {
  it('saves the new fields and audits what changed', async () => {
    const { t, owner, mia } = await spaceWithManager();
    const id = created(await createCodeEnv(t.deps, mia, PANDAS));
    t.clock.advance(60_000);
    const r = await updateCodeEnv(t.deps, owner, id, {
      name: 'Pandas-Env-3',
      language: 'python',
      languageVersion: '3.12',
      requirements: 'pandas>=2.0,<3\npolars',
      description: 'Now with polars.',
    });
    expect(r).toEqual({ ok: true, id });
    expect(await findCodeEnvById(t.db, id)).toMatchObject({
      name: 'Pandas-Env-3',
      languageVersion: '3.12',
      requirements: 'pandas>=2.0,<3\npolars',
      description: 'Now with polars.',
      createdBy: mia.id,
      updatedAt: t.deps.now(),
    });
    const [event, ...more] = await events(t, 'code_env.updated');
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actorId: owner.id,
      targetId: String(id),
      targetLabel: 'Pandas-Env-3',
      details: {
        name: 'pandas-env → Pandas-Env-3',
        language: 'Python 3.11 → Python 3.12',
        added: ['polars'],
        removed: ['numpy'],
        description: 'changed',
      },
    });
  });

  it('lets a code env keep its own name in another case, but not take another one', async () => {
    const { t, mia } = await spaceWithManager();
    const id = created(await createCodeEnv(t.deps, mia, PANDAS));
    created(await createCodeEnv(t.deps, mia, { ...PANDAS, name: 'spark' }));
    expect(await updateCodeEnv(t.deps, mia, id, { ...PANDAS, name: 'PANDAS-env' })).toEqual({ ok: true, id });
    const r = await updateCodeEnv(t.deps, mia, id, { ...PANDAS, name: 'Spark' });
    expect(messagesOf(r)).toEqual({ name: 'A code env named spark already exists. Names are unique whatever their case; choose another.' });
    expect((await findCodeEnvById(t.db, id))?.name).toBe('PANDAS-env');
  });

  it('writes nothing when saved unchanged', async () => {
    const { t, mia } = await spaceWithManager();
    const id = created(await createCodeEnv(t.deps, mia, PANDAS));
    const before = await snapshot(t.db);
    t.clock.advance(60_000);
    expect(await updateCodeEnv(t.deps, mia, id, { ...PANDAS, requirements: '# data\r\npandas>=2.0,<3\r\nnumpy\r\n' })).toEqual({ ok: true, id });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('refuses invalid input and leaves the code env as it was', async () => {
    const { t, mia } = await spaceWithManager();
    const id = created(await createCodeEnv(t.deps, mia, PANDAS));
    const before = await snapshot(t.db);
    const r = await updateCodeEnv(t.deps, mia, id, { ...PANDAS, language: 'r', languageVersion: '4.4' });
    expect(messagesOf(r)).toEqual({
      requirements:
        'Line 2 is not a valid R requirement: "pandas>=2.0,<3". Write a package name, optionally with a version in parentheses, such as ggplot2 or dplyr (>= 1.1.0).',
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('answers not_found for a code env that does not exist', async () => {
    const { t, mia } = await spaceWithManager();
    expect(await updateCodeEnv(t.deps, mia, 999, PANDAS)).toEqual({ ok: false, code: 'not_found' });
  });
});

describe('deleteCodeEnv', () => {
  it('deletes the code env and writes a code_env.deleted audit event', async () => {
    const { t, mia } = await spaceWithManager();
    const id = created(await createCodeEnv(t.deps, mia, PANDAS));
    expect(await deleteCodeEnv(t.deps, mia, id)).toEqual({ ok: true });
    expect(await findCodeEnvById(t.db, id)).toBeNull();
    const [event, ...more] = await events(t, 'code_env.deleted');
    expect(more).toEqual([]);
    expect(event).toMatchObject({ actorId: mia.id, targetType: 'code_env', targetId: String(id), targetLabel: 'pandas-env', details: { language: 'Python 3.11', packages: 2 } });
  });

  it('frees the name for a new code env', async () => {
    const { t, mia } = await spaceWithManager();
    const id = created(await createCodeEnv(t.deps, mia, PANDAS));
    await deleteCodeEnv(t.deps, mia, id);
    expect((await createCodeEnv(t.deps, mia, { ...PANDAS, name: 'PANDAS-ENV' })).ok).toBe(true);
  });

  it('answers not_found for a code env that does not exist, and writes nothing', async () => {
    const { t, mia } = await spaceWithManager();
    const before = await snapshot(t.db);
    expect(await deleteCodeEnv(t.deps, mia, 999)).toEqual({ ok: false, code: 'not_found' });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('who may manage code envs', () => {
  it('a member of a group with only Manage code envs can create, edit and delete', async () => {
    const { t, mia } = await spaceWithManager();
    expect(mia.permissions).toEqual(new Set(['manage_code_envs']));
    const id = created(await createCodeEnv(t.deps, mia, PANDAS));
    expect((await updateCodeEnv(t.deps, mia, id, { ...PANDAS, languageVersion: '3.13' })).ok).toBe(true);
    expect(await deleteCodeEnv(t.deps, mia, id)).toEqual({ ok: true });
    const trail = (await listAuditEvents(t.db, { limit: 10 })).filter((e) => e.action.startsWith('code_env.'));
    expect(trail.map((e) => [e.action, e.actorId])).toEqual([
      ['code_env.deleted', mia.id],
      ['code_env.updated', mia.id],
      ['code_env.created', mia.id],
    ]);
  });

  it('a space administrator can, through Space Admin', async () => {
    const { t, owner } = await spaceWithManager();
    const id = created(await createCodeEnv(t.deps, owner, PANDAS));
    expect(await deleteCodeEnv(t.deps, owner, id)).toEqual({ ok: true });
  });

  it('a plain reader is refused every change, and nothing is written', async () => {
    const { t, mia, reader } = await spaceWithManager();
    const id = created(await createCodeEnv(t.deps, mia, PANDAS));
    const before = await snapshot(t.db);
    expect(await createCodeEnv(t.deps, reader, { ...PANDAS, name: 'mine' })).toEqual({ ok: false, code: 'forbidden' });
    expect(await updateCodeEnv(t.deps, reader, id, { ...PANDAS, name: 'mine' })).toEqual({ ok: false, code: 'forbidden' });
    expect(await deleteCodeEnv(t.deps, reader, id)).toEqual({ ok: false, code: 'forbidden' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('refuses before looking: a reader learns nothing about which ids exist', async () => {
    const { t, reader } = await spaceWithManager();
    expect(await updateCodeEnv(t.deps, reader, 999, PANDAS)).toEqual({ ok: false, code: 'forbidden' });
    expect(await deleteCodeEnv(t.deps, reader, 999)).toEqual({ ok: false, code: 'forbidden' });
  });
});
