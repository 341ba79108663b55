// The API keys panel: the list, New API key (shown once, never cached), Revoke key with its confirmation.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { field, unescapeHtml } from '../support/html.js';
import { get, makeApp, post, withSpace } from '../support/app.js';
import { api } from './support.js';

const keyIn = (html: string) => /lp_[a-z0-9]{12}_[a-z0-9]{40}/.exec(html)?.[0] ?? null;

describe('the API keys panel', () => {
  it('lists no key at first and offers New API key, with a nav entry', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const html = await (await get(t, '/api-keys', { cookie: owner.cookie })).text();
    expect(html).toContain('No API keys yet');
    expect(html).toContain('href="/api-keys/new"');
    expect(html).toMatch(/<a href="\/api-keys" aria-current="page">API keys<\/a>/);
  });

  it('creates a key and shows it once, uncached; the key works on the API; the list never shows it again', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await post(t, '/api-keys', { name: 'Nightly <sync>', scopes: ['users:read', 'groups:read'], expiresIn: '90d' }, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Nightly &lt;sync&gt;');
    const key = keyIn(html)!;
    expect(key).not.toBeNull();
    expect((await api(t, 'GET', '/api/v1/space/seats', { key })).status).toBe(200);
    const list = await (await get(t, '/api-keys', { cookie: owner.cookie })).text();
    expect(unescapeHtml(list)).toContain('Nightly <sync>');
    expect(list).toContain('owner@example.com'); // created by
    expect(list).toContain('users:read');
    expect(keyIn(list)).toBeNull();
    expect(list).toContain(`lp_${key.split('_')[1]}_…`);
    const [event] = await listAuditEvents(t.db, { limit: 1 });
    expect(event).toMatchObject({ action: 'api_key.created', actorLabel: 'owner@example.com', targetLabel: 'Nightly <sync>' });
  });

  it('as an htmx request, answers the form fragment with the key in place of the form', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await post(t, '/api-keys', { name: 'CI', scopes: 'audit:read', expiresIn: '' }, { cookie: owner.cookie, htmx: true });
    const html = await res.text();
    expect(html.startsWith('<div id="api-key-form"')).toBe(true);
    expect(keyIn(html)).not.toBeNull();
  });

  it('a wrong form comes back (422) with what was typed and a message next to each field, creating nothing', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await post(t, '/api-keys', { name: 'Sync job', expiresIn: 'forever' }, { cookie: owner.cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(field(html, 'name').value).toBe('Sync job');
    expect(field(html, 'expiresIn')).toMatchObject({ value: 'forever', invalid: true });
    expect(field(html, 'expiresIn').error).toContain('90d');
    expect(html).toContain('Choose at least one scope.');
    expect(await t.db.selectFrom('api_keys').selectAll().execute()).toEqual([]);
  });

  it('revokes after a confirmation page; the key is refused on its next request', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const key = keyIn(await (await post(t, '/api-keys', { name: 'Old', scopes: 'users:read' }, { cookie: owner.cookie })).text())!;
    const id = key.split('_')[1]!;
    const confirm = await (await get(t, `/api-keys/${id}/revoke`, { cookie: owner.cookie })).text();
    expect(confirm).toContain('Revoke the key Old?');
    expect(confirm).toContain(`action="/api-keys/${id}/revoke"`);
    const res = await post(t, `/api-keys/${id}/revoke`, {}, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/api-keys?notice=api_key_revoked');
    expect((await api(t, 'GET', '/api/v1/space/seats', { key })).status).toBe(401);
    const list = await (await get(t, '/api-keys?notice=api_key_revoked', { cookie: owner.cookie })).text();
    expect(list).toContain('Revoked');
    expect(list).not.toContain(`href="/api-keys/${id}/revoke"`);
    expect((await post(t, `/api-keys/${id}/revoke`, {}, { cookie: owner.cookie })).status).toBe(404);
  });
});
