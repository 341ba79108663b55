// The Audit log panel through HTTP: newest first, 50 a page with "Older »", filters by action and by
// the actor's email (a text field: a list of every actor would name every member who ever joined).
import { describe, expect, it } from 'vitest';
import { insertAuditEvent } from '../../src/db/queries/audit.js';
import { AUDIT_ACTION_LABELS } from '../../src/domain/audit.js';
import { describeDetails } from '../../views/pages/audit.js';
import { field } from '../support/html.js';
import { addUser, get, makeApp, withSpace, type TestApp } from '../support/app.js';
import { textOf } from '../support/invitations.js';

/** How many events the page shows (one <time> per row). */
const rowCount = (html: string) => html.match(/<time datetime=/g)?.length ?? 0;

async function seed(t: TestApp) {
  const owner = await withSpace(t);
  const ada = await addUser(t, { email: 'ada@example.com', name: 'Ada Lovelace' });
  const bob = await addUser(t, { email: 'bob@example.com', name: 'Bob Builder' });
  for (let i = 1; i <= 60; i++) {
    const who = i % 2 === 0 ? ada : bob;
    await insertAuditEvent(t.db, {
      at: t.deps.now() + i * 1000,
      actorId: who.id,
      actorLabel: who.email,
      action: i % 3 === 0 ? 'group.created' : 'code_env.created',
      targetType: 'group',
      targetId: i,
      targetLabel: `target-${i}`,
    });
  }
  return { owner, ada, bob };
}

describe('the Audit log', () => {
  it('shows the newest 50 events first, then the older ones behind "Older »"', async () => {
    const t = await makeApp();
    const { owner } = await seed(t);
    const html = await (await get(t, '/audit', { cookie: owner.cookie })).text();
    const text = textOf(html);
    expect(text.indexOf('target-60')).toBeLessThan(text.indexOf('target-59'));
    expect(rowCount(html)).toBe(50);
    const older = /href="(\/audit\?before=\d+)"/.exec(html)![1]!;
    const next = textOf(await (await get(t, older, { cookie: owner.cookie })).text());
    expect(next).toContain('target-10');
    expect(next).not.toContain('target-11 ');
  });

  it('offers every known action in the action filter, and filters by it', async () => {
    const t = await makeApp();
    const { owner } = await seed(t);
    const html = await (await get(t, '/audit', { cookie: owner.cookie })).text();
    for (const action of Object.keys(AUDIT_ACTION_LABELS)) expect(html).toContain(`<option value="${action}"`);
    const groups = textOf(await (await get(t, '/audit?action=group.created', { cookie: owner.cookie })).text());
    expect(groups).toContain('target-60');
    expect(groups).not.toContain('target-59');
  });

  it("filters by the actor's email, any case, and keeps it in the field and in the Older link", async () => {
    const t = await makeApp();
    const { owner } = await seed(t);
    const html = await (await get(t, '/audit?actor=ADA%40example.com', { cookie: owner.cookie })).text();
    expect(field(html, 'actor')).toEqual({ value: 'ADA@example.com', error: null, invalid: false });
    const shown = `${textOf(html)} `;
    for (let i = 2; i <= 60; i += 2) expect(shown).toContain(`target-${i} `);
    for (let i = 1; i <= 59; i += 2) expect(shown).not.toContain(`target-${i} `);
    expect(html, 'only 30 events: no older page').not.toContain('before=');
  });

  it('says next to the field when no member has that address, keeps what was typed, and shows no event', async () => {
    const t = await makeApp();
    const { owner } = await seed(t);
    const res = await get(t, '/audit?actor=nobody%40example.com', { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(field(html, 'actor')).toEqual({ value: 'nobody@example.com', error: 'No member\'s name or address holds "nobody@example.com".', invalid: true });
    expect(textOf(html)).toContain('No events match.');
  });

  it('escapes what was typed', async () => {
    const t = await makeApp();
    const { owner } = await seed(t);
    const html = await (await get(t, `/audit?actor=${encodeURIComponent('<script>x</script>')}`, { cookie: owner.cookie })).text();
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});

describe("an event's details", () => {
  it.each([
    [{ profile: 'reader', groups: 2 }, 'Profile Reader · 2 groups'],
    [{ profile: 'designer', groups: 0, invitedBy: 'Olivia Owner' }, 'Profile Designer · no group · invited by Olivia Owner'],
    [{ profile: 'designer → reader', left: ['Analysts', 'Ops'] }, 'Profile Designer → Reader · left Analysts, Ops'],
    [{ wasExpired: true }, 'it had expired'],
    [{ wasExpired: false }, ''],
    [{ profile: 'explorer', endedSessions: 1 }, 'Profile Explorer · 1 session ended'],
    [{ endedSessions: 0 }, ''],
    [{ granted: ['manage_code_envs'], withdrawn: ['space_admin'] }, 'granted Manage code envs · withdrawn Space Admin'],
    [{ permissions: [] }, 'permissions: none'],
    [{ group: 'deployer', designersAdded: 3 }, 'group deployer · 3 designers added'],
    [{ language: 'Python 3.11', packages: 1 }, 'Python 3.11 · 1 package'],
    [{ somethingNew: 'x', nested: { a: 1 } }, 'somethingNew: x · nested: {"a":1}'],
  ])('%j reads "%s"', (details, text) => {
    expect(describeDetails(details)).toBe(text);
  });
});
