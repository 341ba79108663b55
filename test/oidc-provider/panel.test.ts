// The Instances panel: register (the secret shown once, uncached, kept only as a hash), rotate, disable,
// enable, delete; each change audited; wrong input re-rendered with the message next to the field.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findInstance } from '../../src/db/queries/instances.js';
import { hashClientSecret } from '../../src/services/instances.js';
import { addUser, get, makeApp, post, withSpace } from '../support/app.js';
import { unescapeHtml } from '../support/html.js';

const credentialsIn = (html: string) => ({
  clientId: /id="client-id"[^>]*value="(lpi_[a-z0-9]+)"/.exec(html)?.[1] ?? null,
  clientSecret: /id="client-secret"[^>]*value="([a-z0-9]{52})"/.exec(html)?.[1] ?? null,
});

const FORM = { name: 'Design <node>', redirectUris: 'https://design.example.com/cb\nhttps://design.example.com/cb2', postLogoutRedirectUri: '', designersOnly: 'yes' };

async function registered() {
  const t = await makeApp();
  const owner = await withSpace(t);
  const res = await post(t, '/instances', FORM, { cookie: owner.cookie });
  const html = await res.text();
  return { t, owner, res, html, ...credentialsIn(html) };
}

describe('the Instances panel', () => {
  it('is in the nav of a Space Admin, with the discovery address', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const html = await (await get(t, '/instances', { cookie: owner.cookie })).text();
    expect(html).toMatch(/<a href="\/instances" aria-current="page">Instances<\/a>/);
    expect(html).toContain('http://localhost:3000/.well-known/openid-configuration');
    expect(html).toContain('No instances yet');
  });

  it('registers an instance: the client id and secret shown once, uncached; only the hash stored', async () => {
    const { t, owner, res, html, clientId, clientSecret } = await registered();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(clientId).not.toBeNull();
    expect(clientSecret).not.toBeNull();
    expect(html).toContain('Design &lt;node&gt;');
    const stored = (await findInstance(t.db, clientId!))!;
    expect(stored).toMatchObject({ redirectUris: ['https://design.example.com/cb', 'https://design.example.com/cb2'], designersOnly: true, disabledAt: null });
    expect(stored.secretHash).toBe(hashClientSecret(clientSecret!));
    expect(stored.secretHash).not.toContain(clientSecret!);
    const list = await (await get(t, '/instances', { cookie: owner.cookie })).text();
    expect(unescapeHtml(list)).toContain('Design <node>');
    expect(list).toContain('Designers only');
    expect(list).not.toContain(clientSecret!);
    const [event] = await listAuditEvents(t.db, { limit: 1 });
    expect(event).toMatchObject({ action: 'instance.created', actorLabel: 'owner@example.com', targetType: 'instance', targetId: clientId, targetLabel: 'Design <node>' });
  });

  it.each([
    [{ name: '' }, 'Give the instance a name.'],
    [{ redirectUris: '' }, 'Give at least one redirect URI'],
    [{ redirectUris: 'https://design.example.com/cb#frag' }, 'is not a full http(s) address'],
    [{ redirectUris: '/relative/cb' }, 'is not a full http(s) address'],
    [{ postLogoutRedirectUri: 'javascript:alert(1)' }, 'is not a full http(s) address'],
  ] as Array<[Partial<typeof FORM>, string]>)('refuses %o with a message, keeping what was typed', async (change, message) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await post(t, '/instances', { ...FORM, ...change }, { cookie: owner.cookie });
    expect(res.status).toBe(422);
    const html = unescapeHtml(await res.text());
    expect(html).toContain(message);
    expect(html).toContain(change.name ?? FORM.name);
    expect(await t.db.selectFrom('instances').select('id').execute()).toEqual([]);
  });

  it('rotates the secret: a new one shown once, the old hash replaced, audited', async () => {
    const { t, owner, clientId, clientSecret } = await registered();
    const confirm = await (await get(t, `/instances/${clientId}/rotate`, { cookie: owner.cookie })).text();
    expect(confirm).toContain('stops working at once');
    const res = await post(t, `/instances/${clientId}/rotate`, {}, { cookie: owner.cookie });
    const fresh = credentialsIn(await res.text()).clientSecret!;
    expect(fresh).not.toBe(clientSecret);
    expect((await findInstance(t.db, clientId!))!.secretHash).toBe(hashClientSecret(fresh));
    expect((await listAuditEvents(t.db, { limit: 1 }))[0]).toMatchObject({ action: 'instance.secret_rotated', targetId: clientId });
  });

  it('disables, enables and deletes, each audited', async () => {
    const { t, owner, clientId } = await registered();
    const disabled = await post(t, `/instances/${clientId}/disable`, {}, { cookie: owner.cookie });
    expect(disabled.status).toBe(303);
    expect(disabled.headers.get('location')).toBe('/instances?notice=instance_disabled');
    expect((await findInstance(t.db, clientId!))!.disabledAt).not.toBeNull();
    expect((await post(t, `/instances/${clientId}/disable`, {}, { cookie: owner.cookie })).status).toBe(404); // already
    expect((await post(t, `/instances/${clientId}/enable`, {}, { cookie: owner.cookie })).status).toBe(303);
    expect((await findInstance(t.db, clientId!))!.disabledAt).toBeNull();
    expect((await post(t, `/instances/${clientId}/delete`, {}, { cookie: owner.cookie })).status).toBe(303);
    expect(await findInstance(t.db, clientId!)).toBeNull();
    const actions = (await listAuditEvents(t.db, { limit: 4 })).map((e) => e.action);
    expect(actions).toEqual(['instance.deleted', 'instance.enabled', 'instance.disabled', 'instance.created']);
  });

  it('is closed to members who are not Space Admins', async () => {
    const t = await makeApp();
    await withSpace(t);
    const reader = await addUser(t, { email: 'rita@example.com' });
    expect((await get(t, '/instances', { cookie: reader.cookie })).status).toBe(403);
    expect((await post(t, '/instances', FORM, { cookie: reader.cookie })).status).toBe(403);
    expect(await t.db.selectFrom('instances').select('id').execute()).toEqual([]);
  });
});
