// Bulk actions on the Users tab, through the routes: the table's form → the confirmation step (a page
// without JavaScript, a dialog with htmx) → apply → back to the list with the result. Same-origin POSTs
// only, for space admins only.
import { describe, expect, it } from 'vitest';
import { findInvitation } from '../../src/db/queries/invitations.js';
import { findUserById } from '../../src/db/queries/users.js';
import { post } from '../support/app.js';
import { textOf } from '../support/invitations.js';
import { isPage, panel, rowOf } from '../support/users-panel.js';
import { get } from '../support/app.js';

/** The hidden and chosen fields of the confirmation form, as the browser would post them back. */
function confirmFields(html: string): Record<string, string> {
  const form = /<form id="bulk-confirm"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) out[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<select id="[^"]+" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected=""/.exec(m[2]!);
    if (selected) out[m[1]!] = selected[1]!;
  }
  return out;
}

describe('Users tab: bulk actions', () => {
  it('puts a labelled checkbox on every row and a "select all on this page" with an accessible name', async () => {
    const { t, owner, ada, key } = await panel();
    const html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(html).toContain('<form id="bulk" method="post" action="/users/bulk"');
    expect(html).toContain('aria-label="Select all on this page"');
    expect(rowOf(html, key.ada)).toContain(`<label><input type="checkbox" name="u${ada.id}"/>Ada Lovelace</label>`);
    // An invitation without a name is labelled by its address.
    expect(rowOf(html, key.carol)).toMatch(/<input type="checkbox" name="i\d+" aria-label="carol@example.com"\/>/);
    expect(html).toContain('or on all 4 users and invitations');
  });

  it('says "the one" when a single row matches, not "all 1"', async () => {
    const { t, owner } = await panel();
    const html = await (await get(t, '/users?q=lovelace', { cookie: owner.cookie })).text();
    expect(html).toContain('or on the one that matches the filters');
    expect(html).not.toContain('or on all 1 ');
  });

  it('works without JavaScript: form → confirmation page with the counts → apply → the list with the result', async () => {
    const { t, owner, ada, bob, carol } = await panel();
    const step1 = await post(t, '/users/bulk', { back: '/users?sort=email', [`u${ada.id}`]: 'on', [`u${bob.id}`]: 'on', [`i${carol.id}`]: 'on' }, { cookie: owner.cookie });
    expect(step1.status).toBe(200);
    const page1 = await step1.text();
    expect(isPage(page1)).toBe(true);
    expect(textOf(page1)).toContain('Act on 3 selected');

    const step2 = await post(t, '/users/bulk/apply', { ...confirmFields(page1), action: 'profile', profile: 'explorer', do: 'plan' }, { cookie: owner.cookie });
    const page2 = await step2.text();
    expect(step2.status).toBe(200);
    expect(textOf(page2)).toContain('1 member and 1 invitation to Explorer, 1 skipped: already explorer.');
    const fields = confirmFields(page2);
    expect(fields).toMatchObject({ action: 'profile', profile: 'explorer', expect_applied: '2', expect_refused: '0', back: '/users?sort=email' });

    const done = await post(t, '/users/bulk/apply', { ...fields, do: 'apply' }, { cookie: owner.cookie });
    expect(done.status).toBe(303);
    const location = done.headers.get('location')!;
    expect(location).toBe('/users?sort=email&bulk=profile&done=2&skipped=1&refused=0');
    expect((await findUserById(t.db, bob.id))!.profile).toBe('explorer');
    expect((await findInvitation(t.db, carol.id))!.profile).toBe('explorer');
    expect(textOf(await (await get(t, location, { cookie: owner.cookie })).text())).toContain('Change the profile: 2 changed, 1 skipped. Each change is in the audit log.');
  });

  it('with htmx, opens the step as a dialog, re-plans inside it, and applies with a redirect', async () => {
    const { t, owner, ada, bob } = await panel();
    const dialog = await post(t, '/users/bulk', { back: '/users', [`u${ada.id}`]: 'on', [`u${bob.id}`]: 'on', [`u${owner.id}`]: 'on' }, { cookie: owner.cookie, htmx: true });
    const html = await dialog.text();
    expect(isPage(html)).toBe(false);
    expect(html).toContain('<dialog data-modal');
    const planned = await post(t, '/users/bulk/apply', { ...confirmFields(html), action: 'delete', do: 'plan' }, { cookie: owner.cookie, htmx: true });
    const fragment = await planned.text();
    expect(fragment).toMatch(/^<form id="bulk-confirm"/);
    expect(textOf(fragment)).toContain('2 members deleted, 1 refused: your own account.');
    const applied = await post(t, '/users/bulk/apply', { ...confirmFields(fragment), do: 'apply' }, { cookie: owner.cookie, htmx: true });
    expect(applied.headers.get('hx-redirect')).toBe('/users?bulk=delete&done=2&skipped=0&refused=1');
    expect(await findUserById(t.db, ada.id)).toBeNull();
    expect(await findUserById(t.db, owner.id)).not.toBeNull();
  });

  it('"all that match" carries the filters, not ids, and is resolved when it applies', async () => {
    const { t, owner, ada, bob } = await panel();
    const page = await (await get(t, '/users?profile=reader&status=active', { cookie: owner.cookie })).text();
    expect(page).toContain('<input type="hidden" name="fprofile" value="reader"/>');
    const step = await post(t, '/users/bulk', { back: '/users?profile=reader&status=active', all: '1', fprofile: 'reader', fstatus: 'active', action: 'deactivate' }, { cookie: owner.cookie });
    const fields = confirmFields(await step.text());
    expect(fields.users).toBeUndefined();
    expect(fields).toMatchObject({ all: '1', fprofile: 'reader', fstatus: 'active', expect_applied: '1' });
    // Ada becomes a reader after the confirmation: applying finds two now, and says the plan changed.
    await post(t, '/users/bulk/apply', { users: String(ada.id), action: 'profile', profile: 'reader', planned_for: 'profile:reader', do: 'apply', back: '/users' }, { cookie: owner.cookie });
    const changed = await post(t, '/users/bulk/apply', { ...fields, do: 'apply' }, { cookie: owner.cookie });
    expect(changed.status).toBe(409);
    expect(textOf(await changed.text())).toContain('The list changed since you looked');
    expect((await findUserById(t.db, bob.id))!.deactivatedAt).toBeNull();
  });

  it('refuses too few seats for the batch with the invite form’s words, and changes nothing', async () => {
    const { t, owner, bob, carol } = await panel({ SEATS: 'designer:5,explorer:2,reader:50' });
    const res = await post(t, '/users/bulk/apply', { users: String(bob.id), invitations: String(carol.id), action: 'profile', profile: 'explorer', planned_for: 'profile:explorer', expect_applied: '2', expect_refused: '0', do: 'apply', back: '/users' }, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('2 explorer seats needed, 1 free. Free seats by removing users or revoking invitations, or raise SEATS. Nothing will be applied.');
    expect((await findUserById(t.db, bob.id))!.profile).toBe('reader');
  });

  it('asks to select something when nothing is ticked', async () => {
    const { t, owner } = await panel();
    const res = await post(t, '/users/bulk', { back: '/users' }, { cookie: owner.cookie });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('Select at least one user or invitation');
  });

  it('"all on this page" takes the rows the page lists', async () => {
    const { t, owner } = await panel();
    const res = await post(t, '/users/bulk', { back: '/users', onpage: '1', action: 'revoke' }, { cookie: owner.cookie });
    expect(textOf(await res.text())).toContain('1 invitation revoked, 3 skipped: members, not invitations.');
  });

  it('refuses a cross-site post, and a member who is not a space admin', async () => {
    const { t, owner, ada, bob } = await panel();
    const form = { users: String(bob.id), action: 'delete', planned_for: 'delete:', do: 'apply', back: '/users' };
    expect((await post(t, '/users/bulk/apply', form, { cookie: owner.cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(t, '/users/bulk/apply', form, { cookie: ada.cookie })).status).toBe(403);
    expect((await post(t, '/users/bulk', form, { cookie: ada.cookie })).status).toBe(403);
    expect(await findUserById(t.db, bob.id)).not.toBeNull();
  });
});
