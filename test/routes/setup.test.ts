import { describe, expect, it } from 'vitest';
import { findSpace } from '../../src/db/queries/space.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { SPACE_ADMINISTRATORS } from '../../src/services/setup.js';
import { field } from '../support/html.js';
import { cookieFrom, get, makeApp, post, type TestApp } from '../support/app.js';

const GOOD = {
  spaceName: 'Acme Analytics',
  displayName: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'a long enough passphrase',
};

const userCount = async (t: TestApp) => (await t.db.selectFrom('users').select('id').execute()).length;

describe('GET /setup', () => {
  it.each([
    { what: 'no token', query: '' },
    { what: 'an empty token', query: '?token=' },
    { what: 'a wrong token', query: '?token=abcdefghijkmnpqrstuvwxyz23' },
  ])('with $what answers 403 and shows no form', async ({ query }) => {
    const t = await makeApp();
    const res = await get(t, `/setup${query}`);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).not.toContain('name="spaceName"');
    expect(html).toContain('Open the setup link');
  });

  it('with the right token shows the form, carrying the token', async () => {
    const t = await makeApp();
    const res = await get(t, `/setup?token=${t.setupToken}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const name of ['spaceName', 'displayName', 'email', 'password']) expect(field(html, name).error).toBeNull();
    expect(html).toContain(`name="token" value="${t.setupToken}"`);
  });

  // Regression test: this once failed (see the commit that fixed it).
  it('with the right token sends Referrer-Policy: no-referrer (the URL holds the token)', async () => {
    const t = await makeApp();
    const res = await get(t, `/setup?token=${t.setupToken}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('POST /setup', () => {
  it.each([
    { what: 'no token', token: undefined },
    { what: 'a wrong token', token: 'abcdefghijkmnpqrstuvwxyz23' },
  ])('with $what answers 403 and creates nothing', async ({ token }) => {
    const t = await makeApp();
    const res = await post(t, '/setup', { ...GOOD, ...(token === undefined ? {} : { token }) });
    expect(res.status).toBe(403);
    expect(cookieFrom(res)).toBeNull();
    expect(await findSpace(t.db)).toBeNull();
    expect(await userCount(t)).toBe(0);
  });

  it.each([
    { what: 'no space name', change: { spaceName: '  ' }, errorOn: 'spaceName', message: 'Enter a name for the space.' },
    { what: 'a space name over 80 characters', change: { spaceName: 'S'.repeat(81) }, errorOn: 'spaceName', message: 'Use at most 80 characters.' },
    { what: 'no name', change: { displayName: '' }, errorOn: 'displayName', message: 'Enter a name.' },
    { what: 'a malformed email', change: { email: 'olivia@' }, errorOn: 'email', message: 'Enter a valid email address, such as name@example.com.' },
    { what: 'a short password', change: { password: 'short' }, errorOn: 'password', message: 'Use at least 8 characters.' },
  ])('with $what answers 422, shows the message next to the field and keeps the values', async ({ change, errorOn, message }) => {
    const t = await makeApp();
    const typed = { ...GOOD, ...change };
    const res = await post(t, '/setup', { ...typed, token: t.setupToken });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(field(html, errorOn).error).toBe(message);
    for (const name of ['spaceName', 'displayName', 'email'] as const) expect(field(html, name).value).toBe(typed[name]);
    expect(field(html, 'password').value).toBe(''); // never echoed
    expect(html).not.toContain(typed.password);
    expect(html).toContain(`name="token" value="${t.setupToken}"`);
    expect(await findSpace(t.db)).toBeNull();
    expect(await userCount(t)).toBe(0);
  });

  it('creates the space and its owner in space_administrators (holding space_admin), and signs them in', async () => {
    const t = await makeApp();
    const res = await post(t, '/setup', { ...GOOD, token: t.setupToken });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = cookieFrom(res);
    expect(cookie).toMatch(/^launchpad_session=[a-z0-9]+\.[a-z0-9]+$/);

    const owner = await t.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(owner).toMatchObject({ email: GOOD.email, display_name: GOOD.displayName });
    expect(await t.deps.hasher.verify(owner.password_hash, GOOD.password)).toBe(true);
    expect(await findSpace(t.db)).toMatchObject({ name: GOOD.spaceName, ownerId: owner.id });

    const grants = await t.db
      .selectFrom('group_members')
      .innerJoin('groups', 'groups.id', 'group_members.group_id')
      .innerJoin('group_permissions', 'group_permissions.group_id', 'groups.id')
      .select(['groups.name', 'group_permissions.permission'])
      .where('group_members.user_id', '=', owner.id)
      .execute();
    expect(grants).toContainEqual({ name: SPACE_ADMINISTRATORS, permission: 'space_admin' });

    const page = await get(t, '/', { cookie: cookie! });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(GOOD.spaceName);
    expect(html).toContain('Space owner');

    const events = await listAuditEvents(t.db, { action: 'space.created', limit: 5 });
    expect(events).toHaveLength(1);
  });

  it('runs once: a second setup, even with the same token, answers 409 and changes nothing', async () => {
    const t = await makeApp();
    const token = t.setupToken;
    expect((await post(t, '/setup', { ...GOOD, token })).status).toBe(303);
    const second = await post(t, '/setup', { ...GOOD, email: 'mallory@example.com', spaceName: 'Taken', token });
    expect(second.status).toBe(409);
    expect(cookieFrom(second)).toBeNull();
    expect((await get(t, `/setup?token=${token}`)).status).toBe(409);
    expect(await userCount(t)).toBe(1);
    expect((await findSpace(t.db))?.name).toBe(GOOD.spaceName);
  });
});

describe('/login before setup', () => {
  it('explains that the Launchpad is not set up yet, instead of a sign-in form', async () => {
    const t = await makeApp();
    const res = await get(t, '/login');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('not set up yet');
    expect(html).toMatch(/setup link|create-owner/);
    expect(html).not.toContain('name="password"');
  });

  it.each([
    { runs: 'from its sources', cliCommand: undefined, says: 'npm run launchpad -- create-owner' },
    { runs: 'as the single binary', cliCommand: './launchpad', says: './launchpad create-owner' },
  ])('run $runs, quotes the command as "$says", and has no button leading back to itself', async ({ cliCommand, says }) => {
    const t = await makeApp();
    if (cliCommand) t.deps.cliCommand = cliCommand;
    for (const path of ['/', '/login']) {
      const res = await get(t, path);
      const shown = res.status === 303 ? await get(t, res.headers.get('location')!) : res;
      const html = await shown.text();
      expect(html).toContain(`<code>${says}</code>`);
      expect(html).not.toContain(cliCommand ? 'npm run' : './launchpad');
      expect(html, 'no link to /login from /login').not.toMatch(/href="\/login/);
    }
  });

  it('shows the sign-in form once setup is done', async () => {
    const t = await makeApp();
    await post(t, '/setup', { ...GOOD, token: t.setupToken });
    const html = await (await get(t, '/login')).text();
    expect(html).not.toContain('not set up yet');
    expect(field(html, 'password').value).toBe('');
  });
});
