// The Users tab through app.request(): the list, "Invite a User", and who may use the tab at all.
import { describe, expect, it } from 'vitest';
import { addUser, get, makeApp, PASSWORD, post, withSpace } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { field, unescapeHtml } from '../support/html.js';
import { endpointsOf } from '../support/routes.js';
import { actor, adminsGroupId, DAY, emailedLink, pathOf, textOf } from '../support/invitations.js';
import { isPage, listed, panel, rowKeys, rowOf } from '../support/users-panel.js';

describe('GET /users: the list', () => {
  it('lists members and pending invitations, by name', async () => {
    const { t, owner, key } = await panel();
    const res = await get(t, '/users', { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(isPage(html)).toBe(true);
    expect(rowKeys(html)).toEqual([key.ada, key.bob, key.carol, key.owner]);
    expect(textOf(rowOf(html, key.ada))).toContain('ada@example.com Explorer Analysts Active Never');
    expect(textOf(rowOf(html, key.carol))).toContain('carol@example.com Reader Analysts Invited · expires 3 Dec email queued');
    expect(textOf(html)).toContain('1–4 of 4');
  });

  it.each(['accepted', 'revoked'] as const)('leaves out an invitation that was %s', async (status) => {
    const { t, owner, key, carol } = await panel();
    expect(await listed(t, owner.cookie)).toContain(key.carol);
    await t.db.updateTable('invitations').set({ status }).where('id', '=', carol.id).execute();
    expect(await listed(t, owner.cookie)).not.toContain(key.carol);
  });

  it('marks the owner\'s row "Space owner", and only that row', async () => {
    const { t, owner, key } = await panel();
    const html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(rowOf(html, key.owner)).toContain('Space owner');
    for (const k of [key.ada, key.bob, key.carol]) expect(rowOf(html, k)).not.toContain('Space owner');
    expect(html.match(/Space owner/g)).toHaveLength(1);
  });

  it('moves the "Space owner" mark with the ownership', async () => {
    const { t, owner, ada, key } = await panel();
    await t.db.updateTable('space').set({ owner_id: ada.id }).execute();
    const html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(rowOf(html, key.ada)).toContain('Space owner');
    expect(rowOf(html, key.owner)).not.toContain('Space owner');
  });

  it('shows the seats of each profile as members, invited and free', async () => {
    const { t, owner } = await panel({ SEATS: 'designer:3,explorer:10,reader:unlimited' });
    const html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    const seats = textOf(/<section id="seats"[\s\S]*?<\/section>/.exec(html)![0]);
    expect(seats).toContain('Designer 1 member · 0 invited · 2 free of 3');
    expect(seats).toContain('Explorer 1 member · 0 invited · 9 free of 10');
    expect(seats).toContain('Reader 1 member · 1 invited · no limit');
  });

  it("shows an invitation's email state, and Expired once it expired", async () => {
    const { t, owner, key } = await panel({ INVITE_TTL: '1d' });
    await t.worker.runOnce();
    let html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(textOf(rowOf(html, key.carol))).toContain('Invited · expires 27 Nov email written to the server log (no RESEND_API_KEY)');
    t.clock.advance(DAY);
    html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(textOf(rowOf(html, key.carol))).toContain('Expired');
    expect(textOf(rowOf(html, key.carol))).not.toContain('Invited');
  });

  it('shows why an invitation email failed', async () => {
    const { t, owner, key, carol } = await panel();
    await t.db.updateTable('outbox').set({ status: 'failed', last_error: 'mailbox unavailable' }).where('id', '=', carol.outboxId!).execute();
    const html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(textOf(rowOf(html, key.carol))).toContain('email failed: mailbox unavailable');
  });

  describe('search: substring of the name or email, case-insensitive', () => {
    it.each([
      { q: 'ada', rows: ['ada'] },
      { q: 'ADA', rows: ['ada'] },
      { q: 'lOVEl', rows: ['ada'] },
      { q: 'builder', rows: ['bob'] },
      { q: 'BOB@EXAMPLE', rows: ['bob'] },
      { q: 'carol', rows: ['carol'] },
      { q: 'Olivia Owner', rows: ['owner'] },
      { q: '  ada  ', rows: ['ada'] },
      { q: 'example.com', rows: ['ada', 'bob', 'carol', 'owner'] },
      { q: 'nobody', rows: [] },
      { q: '%', rows: [] },
      { q: '_', rows: [] },
    ] as const)('q=$q', async ({ q, rows }) => {
      const { t, owner, key } = await panel();
      const res = await get(t, `/users?q=${encodeURIComponent(q)}`, { cookie: owner.cookie });
      const html = await res.text();
      expect(rowKeys(html)).toEqual(rows.map((r) => key[r]));
      if (rows.length === 0) expect(html).toContain('Nobody matches these filters.');
    });

    it('keeps what was searched in the search box', async () => {
      const { t, owner } = await panel();
      const html = await (await get(t, '/users?q=%3Cb%3Eada', { cookie: owner.cookie })).text();
      expect(field(html, 'q').value).toBe('<b>ada');
      expect(html).not.toContain('<b>ada');
    });

    // Regression: SQLite's lower() folds ASCII only, so a name with a non-ASCII capital ("Élodie") could not be
    // found, not even typed exactly as stored.
    it('finds names with non-ASCII letters, typed exactly or in another case, composed or not', async () => {
      const { t, owner } = await panel();
      const elodie = await addUser(t, { email: 'e.durand@example.com', name: 'Élodie Durand', profile: 'reader' });
      const decomposed = await addUser(t, { email: 'z@example.com', name: 'Zoe\u0301 O\u0308berg', profile: 'reader' });
      for (const q of ['Élodie', 'élodie', 'ÉLODIE', 'lodie dur']) {
        expect(await listed(t, owner.cookie, `?q=${encodeURIComponent(q)}`), q).toEqual([`user-${elodie.id}`]);
      }
      for (const q of ['Zoé', 'ÖBERG']) {
        expect(await listed(t, owner.cookie, `?q=${encodeURIComponent(q)}`), q).toEqual([`user-${decomposed.id}`]);
      }
    });

    it('finds a member by the name an edit gave them', async () => {
      const { t, owner, bob, key } = await panel();
      await post(t, `/users/${bob.id}`, { displayName: 'Émile Zola', profile: 'reader' }, { cookie: owner.cookie });
      expect(await listed(t, owner.cookie, '?q=%C3%A9mile')).toEqual([key.bob]);
      expect(await listed(t, owner.cookie, '?q=builder')).toEqual([]);
    });
  });

  describe('filters', () => {
    it.each([
      { query: 'profile=explorer', rows: ['ada'] },
      { query: 'profile=reader', rows: ['bob', 'carol'] },
      { query: 'profile=designer', rows: ['owner'] },
      { query: 'status=active', rows: ['ada', 'bob', 'owner'] },
      { query: 'status=invited', rows: ['carol'] },
      { query: 'status=expired', rows: [] },
      { query: 'group=ANALYSTS', rows: ['ada', 'carol'] },
      { query: 'group=ADMINS', rows: ['owner'] },
      { query: 'profile=reader&status=active', rows: ['bob'] },
      { query: 'profile=reader&group=ANALYSTS', rows: ['carol'] },
      { query: 'q=a&status=invited', rows: ['carol'] },
      { query: 'profile=nonsense', rows: ['ada', 'bob', 'carol', 'owner'] },
    ] as const)('$query', async ({ query, rows }) => {
      const { t, owner, key, analysts } = await panel();
      const q = query.replace('ANALYSTS', String(analysts)).replace('ADMINS', String(await adminsGroupId(t)));
      expect(await listed(t, owner.cookie, `?${q}`)).toEqual(rows.map((r) => key[r]));
    });

    it('status=expired lists the invitations past their expiry, and status=invited no longer does', async () => {
      const { t, owner, key } = await panel({ INVITE_TTL: '1d' });
      t.clock.advance(DAY + 1);
      expect(await listed(t, owner.cookie, '?status=expired')).toEqual([key.carol]);
      expect(await listed(t, owner.cookie, '?status=invited')).toEqual([]);
    });
  });

  describe('sort', () => {
    async function withSignIns() {
      const p = await panel();
      const now = p.t.deps.now();
      await p.t.db.updateTable('users').set({ last_login_at: now - 2 * DAY }).where('id', '=', p.bob.id).execute();
      await p.t.db.updateTable('users').set({ last_login_at: now - 3_600_000 }).where('id', '=', p.ada.id).execute();
      return p;
    }

    it.each([
      { query: '', rows: ['ada', 'bob', 'carol', 'owner'] },
      { query: '?sort=name&dir=desc', rows: ['owner', 'carol', 'bob', 'ada'] },
      { query: '?sort=email', rows: ['ada', 'bob', 'carol', 'owner'] },
      { query: '?sort=email&dir=desc', rows: ['owner', 'carol', 'bob', 'ada'] },
      { query: '?sort=profile', rows: ['owner', 'ada', 'bob', 'carol'] },
      { query: '?sort=profile&dir=desc', rows: ['bob', 'carol', 'ada', 'owner'] },
      { query: '?sort=last_login', rows: ['bob', 'ada', 'carol', 'owner'] },
      { query: '?sort=last_login&dir=desc', rows: ['ada', 'bob', 'carol', 'owner'] },
    ] as const)('$query', async ({ query, rows }) => {
      const { t, owner, key } = await withSignIns();
      expect(await listed(t, owner.cookie, query)).toEqual(rows.map((r) => key[r]));
    });
  });

  describe('paging: 50 rows a page', () => {
    async function sixtyUsers() {
      const t = await makeApp({ SEATS: 'designer:5,explorer:10,reader:unlimited' });
      const owner = await withSpace(t);
      for (let i = 0; i < 60; i++) await addUser(t, { email: `user${String(i).padStart(2, '0')}@example.com`, name: `User ${String(i).padStart(2, '0')}` });
      return { t, owner };
    }

    it('splits 61 rows over two pages, each row once', async () => {
      const { t, owner } = await sixtyUsers();
      const first = await (await get(t, '/users', { cookie: owner.cookie })).text();
      const second = await (await get(t, '/users?page=2', { cookie: owner.cookie })).text();
      expect(rowKeys(first)).toHaveLength(50);
      expect(rowKeys(second)).toHaveLength(11);
      expect(new Set([...rowKeys(first), ...rowKeys(second)]).size).toBe(61);
      expect(textOf(first)).toContain('1–50 of 61');
      expect(textOf(first)).toContain('Page 1 of 2');
      expect(first).toContain('href="/users?page=2"');
      expect(textOf(second)).toContain('51–61 of 61');
      expect(second).toContain('href="/users"');
      expect(second).not.toContain('Next');
    });

    it('keeps the search, filters and sort in the page links', async () => {
      const { t, owner } = await sixtyUsers();
      const html = await (await get(t, '/users?q=user&sort=email&dir=desc', { cookie: owner.cookie })).text();
      expect(rowKeys(html)).toHaveLength(50);
      expect(unescapeHtml(html)).toContain('href="/users?q=user&sort=email&dir=desc&page=2"');
      const second = await (await get(t, '/users?q=user&sort=email&dir=desc&page=2', { cookie: owner.cookie })).text();
      expect(rowKeys(second)).toHaveLength(10);
      expect(textOf(second)).toContain('user00@example.com');
    });

    it('shows an empty page past the end, and page 1 for a bad page number', async () => {
      const { t, owner } = await sixtyUsers();
      expect(await listed(t, owner.cookie, '?page=3')).toEqual([]);
      expect(await listed(t, owner.cookie, '?page=-1')).toHaveLength(50);
      expect(await listed(t, owner.cookie, '?page=abc')).toHaveLength(50);
    });
  });
});

describe('Invite a User', () => {
  it('GET /users/invite: a dialog for htmx, a page without it', async () => {
    const { t, owner } = await panel();
    const dialog = await (await get(t, '/users/invite', { cookie: owner.cookie, htmx: true })).text();
    expect(dialog).toMatch(/^<dialog/);
    expect(isPage(dialog)).toBe(false);
    expect(dialog).toContain('<form id="invite-form"');
    const page = await (await get(t, '/users/invite', { cookie: owner.cookie })).text();
    expect(isPage(page)).toBe(true);
    expect(page).toContain('<form id="invite-form"');
  });

  it.each([false, true])('a malformed address: 422, the typed text kept, each bad address named, nothing written (htmx: %s)', async (htmx) => {
    const { t, owner, analysts } = await panel();
    const typed = 'new@example.com\r\nEve <eve@nowhere>, oops; "Last, First" <first@example.com>';
    const before = await snapshot(t.db);
    const res = await post(t, '/users/invite', { emails: typed, profile: 'explorer', groups: String(analysts) }, { cookie: owner.cookie, htmx });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(isPage(html)).toBe(!htmx);
    const textarea = /<textarea[^>]*name="emails"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
    expect(unescapeHtml(textarea![1]!).replace(/\r\n/g, '\n')).toBe(typed.replace(/\r\n/g, '\n'));
    const named = [...html.matchAll(/<li><code>([\s\S]*?)<\/code><\/li>/g)].map((m) => unescapeHtml(m[1]!));
    expect(named).toEqual(['Eve <eve@nowhere>', 'oops']);
    expect(textOf(html)).toContain('Nothing was sent');
    // The choices are kept too.
    expect(html).toMatch(/<option value="explorer" selected/);
    expect(html).toMatch(new RegExp(`name="groups" value="${analysts}" checked`));
    expect(await snapshot(t.db)).toEqual(before);
  });

  it.each([false, true])('success: says what happened to every address (htmx: %s)', async (htmx) => {
    const { t, owner, analysts, carol } = await panel();
    const res = await post(
      t,
      '/users/invite',
      { emails: 'New Person <new@example.com>, BOB@example.com\ncarol@example.com NEW@example.com', profile: 'explorer', groups: String(analysts) },
      { cookie: owner.cookie, htmx },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(isPage(html)).toBe(!htmx);
    const outcomes = [...html.matchAll(/<li class="outcome outcome-(\w+)">([\s\S]*?)<\/li>/g)].map((m) => [m[1], textOf(m[2]!)]);
    expect(outcomes).toEqual([
      ['invited', 'new@example.com Invited: the email was written to the server log (no RESEND_API_KEY).'],
      ['already_member', 'BOB@example.com Already a member: not invited again.'],
      ['already_invited', 'carol@example.com Already invited: not invited again. Resend'],
    ]);
    expect(html).toContain(`action="/invitations/${carol.id}/resend"`);
    expect(textOf(html)).toContain(
      '1 invitation created; the email was written to the server log (no RESEND_API_KEY). Addresses listed more than once were counted once: new@example.com.',
    );
    const inv = await t.db.selectFrom('invitations').selectAll().where('email_key', '=', 'new@example.com').executeTakeFirstOrThrow();
    expect(inv).toMatchObject({ profile: 'explorer', status: 'pending' });
    const groups = await t.db.selectFrom('invitation_groups').select('group_id').where('invitation_id', '=', inv.id).execute();
    expect(groups.map((g) => g.group_id)).toEqual([analysts]);
  });

  it('keeps the name given as `Name <address>`: the pending row shows it and the accept page offers it', async () => {
    const { t, owner } = await panel();
    const res = await post(
      t,
      '/users/invite',
      { emails: '"Lovelace, Ada" <ada.l@example.com>; Grace Hopper <grace@example.com>, plain@example.com', profile: 'reader' },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(200);
    const byEmail = async (email: string) =>
      t.db.selectFrom('invitations').select(['id', 'display_name']).where('email_key', '=', email).executeTakeFirstOrThrow();
    const [ada, grace, plain] = [await byEmail('ada.l@example.com'), await byEmail('grace@example.com'), await byEmail('plain@example.com')];
    expect([ada.display_name, grace.display_name, plain.display_name]).toEqual(['Lovelace, Ada', 'Grace Hopper', null]);

    const list = await (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(textOf(rowOf(list, `invitation-${grace.id}`))).toMatch(/^Grace Hopper grace@example\.com Reader/);
    expect(textOf(rowOf(list, `invitation-${plain.id}`))).toMatch(/^— plain@example\.com Reader/);

    const accept = async (email: string) => (await get(t, pathOf(await emailedLink(t, email)))).text();
    expect(field(await accept('grace@example.com'), 'displayName').value).toBe('Grace Hopper');
    expect(field(await accept('plain@example.com'), 'displayName').value).toBe('');
  });

  it('puts the focus on the accept page where there is something to do', async () => {
    const { t, owner } = await panel();
    await post(t, '/users/invite', { emails: 'Grace Hopper <grace@example.com>, plain@example.com', profile: 'reader' }, { cookie: owner.cookie });
    const focused = (html: string) => [...html.matchAll(/<input\b[^>]*\sautofocus\b[^>]*>/g)].map((m) => /name="([^"]+)"/.exec(m[0])?.[1]);
    const graceLink = pathOf(await emailedLink(t, 'grace@example.com'));
    expect(focused(await (await get(t, graceLink)).text()), 'a name is offered: the password is next').toEqual(['password']);
    expect(focused(await (await get(t, pathOf(await emailedLink(t, 'plain@example.com')))).text()), 'no name yet').toEqual(['displayName']);
    const shortPassword = await post(t, graceLink, { displayName: 'Grace Hopper', password: 'short' });
    expect(shortPassword.status).toBe(422);
    expect(focused(await shortPassword.text())).toEqual(['password']);
    const noName = await post(t, graceLink, { displayName: '', password: PASSWORD });
    expect(focused(await noName.text())).toEqual(['displayName']);
  });

  it('refuses a batch that needs more seats than are free: 409 "3 seats needed, 2 free", nothing written', async () => {
    const { t, owner } = await panel({ SEATS: 'designer:3,explorer:10,reader:50' });
    const before = await snapshot(t.db);
    const res = await post(t, '/users/invite', { emails: 'd1@example.com d2@example.com d3@example.com', profile: 'designer' }, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('3 designer seats needed, 2 free.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('refuses more than 1,000 addresses with a clear error, nothing written', async () => {
    const { t, owner } = await panel({ SEATS: 'designer:3,explorer:10,reader:unlimited' });
    const before = await snapshot(t.db);
    const emails = Array.from({ length: 1001 }, (_, i) => `u${i}@example.com`).join('\n');
    const res = await post(t, '/users/invite', { emails, profile: 'reader' }, { cookie: owner.cookie });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('1001 addresses at once is too many: at most 1000 per invitation.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it.each<{ what: string; form: Record<string, string>; message: string }>([
    { what: 'an unknown profile', form: { emails: 'x@example.com', profile: 'admin' }, message: 'Choose a profile.' },
    { what: 'no address', form: { emails: ' ; ', profile: 'reader' }, message: 'Enter at least one email address.' },
    { what: 'an unknown group', form: { emails: 'x@example.com', profile: 'reader', groups: '9999' }, message: 'One of the chosen groups no longer exists.' },
  ])('refuses $what: 422, nothing written', async ({ form, message }) => {
    const { t, owner } = await panel();
    const before = await snapshot(t.db);
    const res = await post(t, '/users/invite', form, { cookie: owner.cookie });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain(message);
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('access: only space admins use the Users tab', () => {
  /** Every Users-tab route with a request that would change something if it were let through. */
  function requests(p: Awaited<ReturnType<typeof panel>>, self: number, admins: number): Record<string, { path: string; form?: Record<string, string | string[]> }> {
    return {
      'GET /users': { path: '/users' },
      'GET /users/invite': { path: '/users/invite' },
      'GET /users/group-options': { path: '/users/group-options?group_name=Analysts' },
      'GET /users/:id{[0-9]+}/actions': { path: `/users/${p.bob.id}/actions` },
      'GET /invitations/:id{[0-9]+}/actions': { path: `/invitations/${p.carol.id}/actions` },
      'POST /users/invite': { path: '/users/invite', form: { emails: 'intruder@example.com', profile: 'designer' } },
      'GET /users/:id{[0-9]+}/edit': { path: `/users/${p.bob.id}/edit` },
      'GET /users/:id{[0-9]+}/effective-permissions': { path: `/users/${p.bob.id}/effective-permissions?groups=${admins}` },
      'POST /users/:id{[0-9]+}': { path: `/users/${self}`, form: { displayName: 'Me', profile: 'designer', groups: [String(admins)] } },
      'GET /users/:id{[0-9]+}/delete': { path: `/users/${p.bob.id}/delete` },
      'POST /users/:id{[0-9]+}/delete': { path: `/users/${p.bob.id}/delete`, form: {} },
      'GET /users/:id{[0-9]+}/deactivate': { path: `/users/${p.bob.id}/deactivate` },
      'POST /users/:id{[0-9]+}/deactivate': { path: `/users/${p.bob.id}/deactivate`, form: {} },
      'GET /users/:id{[0-9]+}/reactivate': { path: `/users/${p.bob.id}/reactivate` },
      'POST /users/:id{[0-9]+}/reactivate': { path: `/users/${p.bob.id}/reactivate`, form: {} },
      'GET /users/:id{[0-9]+}/transfer': { path: `/users/${self}/transfer` },
      'POST /users/:id{[0-9]+}/transfer': { path: `/users/${self}/transfer`, form: { password: PASSWORD } },
      'POST /invitations/:id{[0-9]+}/link': { path: `/invitations/${p.carol.id}/link`, form: {} },
      'POST /invitations/:id{[0-9]+}/resend': { path: `/invitations/${p.carol.id}/resend`, form: {} },
      'GET /invitations/:id{[0-9]+}/revoke': { path: `/invitations/${p.carol.id}/revoke` },
      'POST /invitations/:id{[0-9]+}/revoke': { path: `/invitations/${p.carol.id}/revoke`, form: {} },
      'GET /invitations/:id{[0-9]+}/edit': { path: `/invitations/${p.carol.id}/edit` },
      'POST /invitations/:id{[0-9]+}/edit': { path: `/invitations/${p.carol.id}/edit`, form: { profile: 'designer' } },
      'POST /users/:id{[0-9]+}/password-reset': { path: `/users/${p.bob.id}/password-reset`, form: {} },
      'POST /users/:id{[0-9]+}/sign-out': { path: `/users/${p.bob.id}/sign-out`, form: {} },
      'GET /users/export.csv': { path: '/users/export.csv' },
      'GET /users/import': { path: '/users/import' },
      'POST /users/import/preview': { path: '/users/import/preview', form: { carried: 'x', seal: 'y' } },
      'POST /users/import/apply': { path: '/users/import/apply', form: { carried: 'x', seal: 'y' } },
      'POST /users/bulk': { path: '/users/bulk', form: { [`u${p.bob.id}`]: 'on', action: 'delete' } },
      'POST /users/bulk/apply': { path: '/users/bulk/apply', form: { users: String(p.bob.id), action: 'delete', planned_for: 'delete:', do: 'apply', back: '/users' } },
    };
  }

  it('every route of the Users tab is covered here', async () => {
    const p = await panel();
    const routes = endpointsOf(p.t.app)
      .filter((e) => e.path.startsWith('/users') || e.path.startsWith('/invitations'))
      .map((e) => e.key)
      .sort();
    expect(routes).toEqual(Object.keys(requests(p, 0, 0)).sort());
  });

  it.each([
    { who: 'a plain reader', groups: [] },
    { who: 'a member of a manage_code_envs group', groups: [{ name: 'Code env managers', permissions: ['manage_code_envs'] }] },
    { who: 'an instance administrator without Space Admin', groups: [{ name: 'Instance admins', permissions: ['instance_admin'] }] },
  ])('$who gets 403 on every route and action, with and without htmx, and nothing changes', async ({ groups }) => {
    const p = await panel();
    const { t } = p;
    const user = await addUser(t, { email: 'plain@example.com', name: 'Pat Plain', profile: 'designer', groups });
    const admins = await adminsGroupId(t);
    for (const [key, req] of Object.entries(requests(p, user.id, admins))) {
      for (const htmx of [false, true]) {
        const before = await snapshot(t.db);
        const res = req.form ? await post(t, req.path, req.form, { cookie: user.cookie, htmx }) : await get(t, req.path, { cookie: user.cookie, htmx });
        expect(res.status, `${key} (htmx: ${htmx})`).toBe(403);
        const html = await res.text();
        expect(html, key).not.toContain('intruder@example.com');
        expect(html, key).not.toMatch(/\/invite\/[a-z0-9]+\./);
        expect(await snapshot(t.db), `${key} (htmx: ${htmx})`).toEqual(before);
      }
    }
    expect(await actor(t, user.id)).toMatchObject({ isOwner: false });
    expect((await actor(t, user.id)).permissions.has('space_admin')).toBe(false);
  });

  it('an anonymous visitor is sent to sign in, and nothing changes', async () => {
    const p = await panel();
    const { t } = p;
    for (const [key, req] of Object.entries(requests(p, p.bob.id, await adminsGroupId(t)))) {
      const before = await snapshot(t.db);
      const res = req.form ? await post(t, req.path, req.form) : await get(t, req.path);
      expect(res.status, key).toBe(303);
      expect(res.headers.get('location'), key).toMatch(/^\/login/);
      expect(await snapshot(t.db), key).toEqual(before);
    }
  });

  it('hides the Users tab from the navigation of a non-admin', async () => {
    const { t } = await panel();
    const reader = await addUser(t, { email: 'plain@example.com' });
    expect(await (await get(t, '/', { cookie: reader.cookie })).text()).not.toContain('href="/users"');
  });
});
