// The Extensions panel through HTTP: Activate / Deactivate, the notices, the groups they bring, and
// designers joining later through the invitation page and through Edit User.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findGroup, findGroupByName } from '../../src/db/queries/groups.js';
import { EXTENSION_KEYS, type ExtensionKey } from '../../src/domain/extensions.js';
import { endpointsOf, fillPath } from '../support/routes.js';
import { addUser, cookieFrom, get, makeApp, post, withSpace, type TestApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { actor, emailedLink, groupIdsOf, inviteOne, pathOf, textOf } from '../support/invitations.js';

const CASES = [
  { key: 'code_studios', name: 'Code Studios', group: 'code-studios-designers', permissions: [] as string[] },
  { key: 'api_deployer', name: 'API Deployer', group: 'deployer', permissions: ['create_published_api_services'] },
  { key: 'automation_node', name: 'Automation node', group: 'project-deployer', permissions: ['create_published_projects'] },
] satisfies Array<{ key: ExtensionKey; name: string; group: string; permissions: string[] }>;

/** The card of one extension on the panel, as text, and the action its button posts to. */
function card(html: string, key: ExtensionKey) {
  const m = new RegExp(`<section class="card ext-card" aria-labelledby="ext-${key}">([\\s\\S]*?)</section>`).exec(html);
  if (!m) throw new Error(`no card for ${key}`);
  return { text: textOf(m[1]!), action: /<form method="post" action="([^"]+)"/.exec(m[1]!)?.[1] };
}

const notice = (html: string) => textOf(/<div class="alert alert-(?:ok|success|info)[^"]*"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '');

/** The owner (designer), another designer, an explorer. */
async function space(t: TestApp) {
  const owner = await withSpace(t);
  const dana = await addUser(t, { email: 'dana@example.com', profile: 'designer' });
  const eve = await addUser(t, { email: 'eve@example.com', profile: 'explorer' });
  return { owner, dana, eve };
}

async function membersOf(t: TestApp, group: string): Promise<number[]> {
  const ref = await findGroupByName(t.db, group);
  if (!ref) return [];
  const rows = await t.db.selectFrom('group_members').select('user_id').where('group_id', '=', ref.id).orderBy('user_id').execute();
  return rows.map((r) => r.user_id);
}

describe('the Extensions panel', () => {
  it('shows the three extensions, inactive, each with Activate and the group it brings', async () => {
    const t = await makeApp();
    const { owner } = await space(t);
    const res = await get(t, '/extensions', { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const c of CASES) {
      const { text, action } = card(html, c.key);
      expect(text).toMatch(new RegExp(`^${c.name} Inactive .* Group: ${c.group} Activate$`));
      expect(action).toBe(`/extensions/${c.key}/activate`);
    }
  });

  it.each(CASES)('activating $name creates $group with the designers, says so, and shows it active', async ({ key, name, group, permissions }) => {
    const t = await makeApp();
    const { owner, dana, eve } = await space(t);
    const res = await post(t, `/extensions/${key}/activate`, {}, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/extensions?activated=${key}`);

    const g = (await findGroup(t.db, (await findGroupByName(t.db, group))!.id))!;
    expect(g).toMatchObject({ name: group, origin: 'extension' });
    expect([...g.permissions].sort()).toEqual(permissions);
    expect(await membersOf(t, group)).toEqual([owner.id, dana.id]);
    expect(await groupIdsOf(t, eve.id)).toEqual([]);

    const html = await (await get(t, res.headers.get('location')!, { cookie: owner.cookie })).text();
    expect(notice(html)).toBe(`${name} is active. Every designer is now a member of ${group}.`);
    const c = card(html, key);
    expect(c.text).toMatch(new RegExp(`^${name} Active .* Deactivate$`));
    expect(c.action).toBe(`/extensions/${key}/deactivate`);
    for (const other of EXTENSION_KEYS.filter((k) => k !== key)) expect(card(html, other).text).toContain('Inactive');

    const [event] = await listAuditEvents(t.db, { action: 'extension.activated', limit: 5 });
    expect(event).toMatchObject({ actorId: owner.id, targetId: key, details: { group, designersAdded: 2 } });
  });

  it.each(CASES)('deactivating $name keeps $group and its members, and says so', async ({ key, name, group }) => {
    const t = await makeApp();
    const { owner, dana } = await space(t);
    await post(t, `/extensions/${key}/activate`, {}, { cookie: owner.cookie });
    const res = await post(t, `/extensions/${key}/deactivate`, {}, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/extensions?deactivated=${key}`);
    expect(await membersOf(t, group)).toEqual([owner.id, dana.id]);
    const html = await (await get(t, res.headers.get('location')!, { cookie: owner.cookie })).text();
    expect(notice(html)).toBe(
      `${name} is deactivated. The group ${group} is kept with its members; delete it from the Groups tab if you no longer need it.`,
    );
    expect(card(html, key).text).toMatch(/Inactive .* Activate$/);
    const [event] = await listAuditEvents(t.db, { action: 'extension.deactivated', limit: 5 });
    expect(event).toMatchObject({ actorId: owner.id, targetId: key, details: { groupKept: group } });
  });

  it('a second Activate changes nothing and writes no second audit event', async () => {
    const t = await makeApp();
    const { owner } = await space(t);
    await post(t, '/extensions/code_studios/activate', {}, { cookie: owner.cookie });
    const before = await snapshot(t.db);
    const res = await post(t, '/extensions/code_studios/activate', {}, { cookie: owner.cookie });
    expect(res.status).toBeLessThan(500);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a deleted group is created again at the next activation', async () => {
    const t = await makeApp();
    const { owner, dana } = await space(t);
    await post(t, '/extensions/api_deployer/activate', {}, { cookie: owner.cookie });
    await post(t, '/extensions/api_deployer/deactivate', {}, { cookie: owner.cookie });
    const old = (await findGroupByName(t.db, 'deployer'))!.id;
    expect((await post(t, `/groups/${old}/delete`, {}, { cookie: owner.cookie })).status).toBe(303);
    expect(await findGroupByName(t.db, 'deployer')).toBeNull();
    expect((await post(t, '/extensions/api_deployer/activate', {}, { cookie: owner.cookie })).status).toBe(303);
    const again = (await findGroup(t.db, (await findGroupByName(t.db, 'deployer'))!.id))!;
    expect(again.permissions).toEqual(['create_published_api_services']);
    expect(await membersOf(t, 'deployer')).toEqual([owner.id, dana.id]);
  });

  it.each(['unknown', 'Code_Studios', 'geo'])('answers 404 for the extension "%s", changing nothing', async (key) => {
    const t = await makeApp();
    const { owner } = await space(t);
    const before = await snapshot(t.db);
    expect((await post(t, `/extensions/${key}/activate`, {}, { cookie: owner.cookie })).status).toBe(404);
    expect((await post(t, `/extensions/${key}/deactivate`, {}, { cookie: owner.cookie })).status).toBe(404);
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('designers who come later join the groups of active extensions', () => {
  it('through the invitation page: a designer invitation, accepted, joins', async () => {
    const t = await makeApp();
    const { owner } = await space(t);
    await post(t, '/extensions/code_studios/activate', {}, { cookie: owner.cookie });
    await inviteOne(t, await actor(t, owner.id), 'nina@example.com', { profile: 'designer' });
    const res = await post(t, pathOf(await emailedLink(t, 'nina@example.com')), { displayName: 'Nina New', password: 'a long enough password' });
    expect(res.status).toBe(303);
    expect(cookieFrom(res)).not.toBeNull();
    const nina = (await t.db.selectFrom('users').select('id').where('email', '=', 'nina@example.com').executeTakeFirstOrThrow()).id;
    expect(await membersOf(t, 'code-studios-designers')).toContain(nina);
  });

  it('through Edit User: a reader made designer joins; after deactivation, the next one does not', async () => {
    const t = await makeApp();
    const { owner } = await space(t);
    const rita = await addUser(t, { email: 'rita@example.com', name: 'Rita', profile: 'reader' });
    const ravi = await addUser(t, { email: 'ravi@example.com', name: 'Ravi', profile: 'reader' });
    await post(t, '/extensions/automation_node/activate', {}, { cookie: owner.cookie });
    const promote = (id: number, name: string) => post(t, `/users/${id}`, { displayName: name, profile: 'designer', back: '/users' }, { cookie: owner.cookie });

    expect((await promote(rita.id, 'Rita')).status).toBe(303);
    expect(await membersOf(t, 'project-deployer')).toContain(rita.id);
    const [event] = await listAuditEvents(t.db, { action: 'user.updated', limit: 1 });
    expect(event).toMatchObject({ targetId: String(rita.id), details: { profile: 'reader → designer', joined: ['project-deployer'] } });

    await post(t, '/extensions/automation_node/deactivate', {}, { cookie: owner.cookie });
    expect((await promote(ravi.id, 'Ravi')).status).toBe(303);
    expect(await membersOf(t, 'project-deployer')).not.toContain(ravi.id);
    expect(await membersOf(t, 'project-deployer'), 'the members stay').toContain(rita.id);
  });
});

/** Every route of the panel, from the router's own list. */
const extensionEndpoints = endpointsOf((await makeApp()).app).filter((e) => e.path === '/extensions' || e.path.startsWith('/extensions/'));

describe('only space admins reach the Extensions panel', () => {
  it('covers the routes of the panel', () => {
    expect(extensionEndpoints.map((e) => e.key)).toEqual(
      expect.arrayContaining(['GET /extensions', 'POST /extensions/:key/activate', 'POST /extensions/:key/deactivate']),
    );
  });

  it.each(
    extensionEndpoints.flatMap((e) =>
      (['reader', 'code envs manager'] as const).flatMap((who) => CASES.map((c) => ({ e, who, ext: c.key, key: e.key }))),
    ),
  )('$who gets 403 on $key ($ext), and nothing changes', async ({ e, who, ext }) => {
    const t = await makeApp();
    const { owner } = await space(t);
    await post(t, '/extensions/api_deployer/activate', {}, { cookie: owner.cookie }); // one active, to try deactivating
    const reader = await addUser(t, { email: 'rita@example.com', profile: 'reader' });
    const envs = await addUser(t, { email: 'envs@example.com', profile: 'designer', groups: [{ name: 'Env-managers', permissions: ['manage_code_envs'] }] });
    const cookie = who === 'reader' ? reader.cookie : envs.cookie;
    const url = fillPath(e.path, () => ext);
    const before = await snapshot(t.db);
    const res = e.method === 'GET' ? await get(t, url, { cookie }) : await post(t, url, {}, { cookie });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('You do not have access to this page');
    expect(await snapshot(t.db)).toEqual(before);
  });
});
