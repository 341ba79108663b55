// /api/v1/code-envs and /api/v1/audit-events: the Code Envs panel's checks and the Audit log with a cursor.
import { describe, expect, it } from 'vitest';
import { makeApp, withSpace } from '../support/app.js';
import { api, makeKey } from './support.js';

describe('code envs', () => {
  it('creates, changes what is sent, and answers the panel’s words for each bad field', async () => {
    const t = await makeApp();
    await withSpace(t);
    const { key } = await makeKey(t, ['code-envs:write', 'code-envs:read']);
    const created = await api(t, 'POST', '/api/v1/code-envs', { key, json: { name: 'ml', language: 'python', languageVersion: '3.11', requirements: 'pandas>=2' } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const changed = await api(t, 'PATCH', `/api/v1/code-envs/${id}`, { key, json: { languageVersion: '3.12' } });
    expect(await changed.json()).toMatchObject({ name: 'ml', languageVersion: '3.12', requirements: 'pandas>=2' });
    const bad = await api(t, 'POST', '/api/v1/code-envs', { key, json: { name: 'ml', language: 'cobol', languageVersion: '85' } });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { code: string; errors: Record<string, string> };
    expect(problem.code).toBe('invalid');
    expect(Object.keys(problem.errors)).toEqual(expect.arrayContaining(['name', 'language']));
  });

  it('a code-envs key cannot touch users, and a users key cannot touch code envs', async () => {
    const t = await makeApp();
    await withSpace(t);
    const { key } = await makeKey(t, ['code-envs:write']);
    expect((await api(t, 'GET', '/api/v1/users', { key })).status).toBe(403);
    const { key: users } = await makeKey(t, ['users:write']);
    expect((await api(t, 'POST', '/api/v1/code-envs', { key: users, json: { name: 'x', language: 'python', languageVersion: '3.11' } })).status).toBe(403);
  });
});

describe('audit events', () => {
  it('reads every event once, newest first, through the cursor, and filters by action', async () => {
    const t = await makeApp();
    await withSpace(t);
    const { key } = await makeKey(t, ['groups:write', 'audit:read'], { name: 'SIEM' });
    for (const name of ['a', 'b', 'c']) await api(t, 'POST', '/api/v1/groups', { key, json: { name } });
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await api(t, 'GET', `/api/v1/audit-events?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key })).json()) as {
        events: Array<{ id: number }>;
        nextCursor: string | null;
      };
      ids.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    const created = (await (await api(t, 'GET', '/api/v1/audit-events?action=group.created', { key })).json()) as { events: Array<{ target: { label: string }; actor: { userId: number | null; label: string } }> };
    expect(created.events.map((e) => e.target.label)).toEqual(['c', 'b', 'a']);
    expect(created.events[0]!.actor).toMatchObject({ userId: null, label: expect.stringContaining('API key “SIEM”') });
  });
});
