// API keys: their written form, what is stored, and which requests they authenticate.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { parseApiKey, parseScopes } from '../../src/domain/api-scopes.js';
import { createApiKey, revokeApiKey } from '../../src/services/api-keys.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { makeApp, withSpace } from '../support/app.js';
import { api, makeKey } from './support.js';

const SEATS = '/api/v1/space/seats';

describe('the key format', () => {
  it('is lp_<12-symbol public id>_<40-symbol secret>: 200 bits of secret', async () => {
    const t = await makeApp();
    const { key, id } = await makeKey(t, ['users:read']);
    expect(key).toMatch(/^lp_[a-z0-9]{12}_[a-z0-9]{40}$/);
    expect(parseApiKey(key)).toEqual({ publicId: id, secret: key.split('_')[2] });
  });

  it.each(['', 'lp_', 'lp_abc_def', 'xx_abcdefghijkm_' + 'a'.repeat(40), 'lp_ABCDEFGHIJKM_' + 'a'.repeat(40), 'lp_abcdefghijkm_' + 'a'.repeat(39)])(
    'does not parse %j',
    (text) => expect(parseApiKey(text)).toBeNull(),
  );

  it('differs every time (CSPRNG)', async () => {
    const t = await makeApp();
    const keys = new Set<string>();
    for (let i = 0; i < 20; i++) keys.add((await makeKey(t, ['users:read'])).key);
    expect(keys.size).toBe(20);
  });

  it.each([
    { input: 'users:read, groups:read', scopes: ['users:read', 'groups:read'] },
    { input: 'groups:read users:read users:read', scopes: ['users:read', 'groups:read'] },
  ])('reads the scopes $input', ({ input, scopes }) => expect(parseScopes(input)).toEqual({ ok: true, scopes }));

  it('refuses no scope and an unknown one', () => {
    expect(parseScopes(' , ')).toEqual({ ok: false, code: 'scopes_required' });
    expect(parseScopes('users:read,admin')).toEqual({ ok: false, code: 'unknown_scope', unknown: 'admin' });
  });
});

describe('what is stored', () => {
  it('is the SHA-256 of the secret only, never the key', async () => {
    const t = await makeApp();
    const { key, id } = await makeKey(t, ['users:read']);
    const row = await t.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const secret = key.split('_')[2]!;
    expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('creating and revoking are audited, with the scopes and never the secret', async () => {
    const t = await makeApp();
    const { key, id } = await makeKey(t, ['users:read', 'groups:read'], { name: 'Nightly sync' });
    await revokeApiKey(t.deps, { kind: 'command_line' }, id);
    const events = await listAuditEvents(t.db, { limit: 10 });
    expect(events.map((e) => [e.action, e.targetId, e.targetLabel])).toEqual([
      ['api_key.revoked', id, 'Nightly sync'],
      ['api_key.created', id, 'Nightly sync'],
    ]);
    expect(events[1]!.details).toMatchObject({ scopes: ['users:read', 'groups:read'] });
    expect(JSON.stringify(events)).not.toContain(key.split('_')[2]!);
  });

  it('refuses a bad name, scope or expiry with a problem per field, and stores nothing', async () => {
    const t = await makeApp();
    const r = await createApiKey(t.deps, { kind: 'command_line' }, { name: ' ', scopes: 'everything', expiresIn: 'soon' });
    expect(r).toEqual({
      ok: false,
      code: 'invalid',
      problems: [
        { field: 'name', code: 'name_required' },
        { field: 'scopes', code: 'unknown_scope', detail: 'everything' },
        { field: 'expiresIn', code: 'expiry_invalid' },
      ],
    });
    expect(await t.db.selectFrom('api_keys').selectAll().execute()).toEqual([]);
  });

  it('a user without Space Admin may not create one', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const { loadCurrentUser } = await import('../../src/services/principal.js');
    const user = (await loadCurrentUser(t.db, owner.id))!;
    const reader = { ...user, permissions: new Set<never>() };
    expect(await createApiKey(t.deps, { kind: 'user', user: reader }, { name: 'k', scopes: 'users:read', expiresIn: '' })).toEqual({ ok: false, code: 'forbidden' });
  });
});

describe('authentication', () => {
  it('a live key with the scope is let in, and its last use (time, address) is recorded', async () => {
    const t = await makeApp();
    const { key, id } = await makeKey(t, ['users:read']);
    const res = await api(t, 'GET', SEATS, { key });
    expect(res.status).toBe(200);
    const row = await t.db.selectFrom('api_keys').select(['last_used_at', 'last_used_address']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(row.last_used_at)).toBe(t.clock.now);
    expect(row.last_used_address).toBe('unknown'); // in-process requests have no socket
  });

  it('records the last use to the minute: a burst from one address is one write, a minute later another', async () => {
    const t = await makeApp();
    const { key, id } = await makeKey(t, ['users:read']);
    const lastUse = async () => Number((await t.db.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at);
    await api(t, 'GET', SEATS, { key });
    const first = t.clock.now;
    t.clock.advance(30_000);
    expect((await api(t, 'GET', SEATS, { key })).status).toBe(200);
    expect(await lastUse()).toBe(first);
    t.clock.advance(30_000);
    await api(t, 'GET', SEATS, { key });
    expect(await lastUse()).toBe(t.clock.now);
  });

  it('every kind of bad key gets the same 401, word for word', async () => {
    const t = await makeApp();
    const live = await makeKey(t, ['users:read']);
    const revoked = await makeKey(t, ['users:read']);
    await revokeApiKey(t.deps, { kind: 'command_line' }, revoked.id);
    const expiring = await makeKey(t, ['users:read'], { expiresIn: '1h' });
    t.clock.advance(3_600_000);
    const wrongSecret = live.key.slice(0, -1) + (live.key.endsWith('a') ? 'b' : 'a');
    const unknown = `lp_zzzzzzzzzzzz_${'a'.repeat(40)}`;
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer not-a-key' },
      { authorization: `Bearer ${unknown}` },
      { authorization: `Bearer ${wrongSecret}` },
      { authorization: `Bearer ${revoked.key}` },
      { authorization: `Bearer ${expiring.key}` },
    ];
    const answers = await Promise.all(
      cases.map(async (headers) => {
        const res = await api(t, 'GET', SEATS, { headers });
        return { status: res.status, type: res.headers.get('content-type'), auth: res.headers.get('www-authenticate'), body: await res.text() };
      }),
    );
    expect(answers[0]!.status).toBe(401);
    expect(answers[0]!.type).toBe('application/problem+json');
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect((await api(t, 'GET', SEATS, { key: live.key })).status).toBe(200);
  });

  it('a revoked key is refused from the very next request', async () => {
    const t = await makeApp();
    const { key, id } = await makeKey(t, ['users:read']);
    expect((await api(t, 'GET', SEATS, { key })).status).toBe(200);
    await revokeApiKey(t.deps, { kind: 'command_line' }, id);
    expect((await api(t, 'GET', SEATS, { key })).status).toBe(401);
  });

  it('a key works until its expiry, not a millisecond after', async () => {
    const t = await makeApp();
    const { key } = await makeKey(t, ['users:read'], { expiresIn: '90d' });
    t.clock.advance(90 * 86_400_000 - 1);
    expect((await api(t, 'GET', SEATS, { key })).status).toBe(200);
    t.clock.advance(1);
    expect((await api(t, 'GET', SEATS, { key })).status).toBe(401);
  });

  it('a session cookie never authenticates /api, even a Space Admin’s', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const get = await api(t, 'GET', SEATS, { headers: { cookie: owner.cookie } });
    expect(get.status).toBe(401);
    const post = await api(t, 'POST', '/api/v1/extensions/code_studios/activate', { headers: { cookie: owner.cookie, origin: 'http://localhost' } });
    expect(post.status).toBe(401);
    expect(await t.db.selectFrom('extensions').selectAll().execute()).toEqual([]);
  });

  it('answers no CORS preflight and sends no Access-Control header', async () => {
    const t = await makeApp();
    const { key } = await makeKey(t, ['users:read']);
    const pre = await t.app.request(SEATS, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const res = await api(t, 'GET', SEATS, { key, headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
