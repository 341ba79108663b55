// Issue 11, item 23: a field over its limit is refused with a message naming the limit, next to the
// field, with what was typed kept; never stored truncated.
import { describe, expect, it } from 'vitest';
import { snapshot } from '../support/db-snapshot.js';
import { unescapeHtml } from '../support/html.js';
import { makeApp, post, withSpace } from '../support/app.js';

/** A textarea's text and the error message it is described by. */
function textarea(html: string, name: string): { text: string; error: string | null } {
  const m = new RegExp(`<textarea\\b([^>]*\\sname="${name}"[^>]*)>([\\s\\S]*?)</textarea>`).exec(html);
  if (!m) throw new Error(`no textarea named ${name}`);
  const describedBy = /\saria-describedby="([^"]*)"/.exec(m[1]!)?.[1]?.split(/\s+/) ?? [];
  let error: string | null = null;
  for (const id of describedBy) {
    const e = new RegExp(`<(p|div)[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
    if (e && /\bclass="error"/.test(e[0])) error = unescapeHtml(e[2]!.replace(/<[^>]+>/g, '').trim());
  }
  return { text: unescapeHtml(m[2]!.trim()), error };
}

const HUGE = 'N'.repeat(100 * 1024);

describe('Invite a User with a 100 KB name in "Name" <email>', () => {
  it.each([false, true])('is refused naming the 100-character limit, the list kept, nothing written (htmx: %s)', async (htmx) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const emails = `"${HUGE}" <new@example.com>, other@example.com`;
    const before = await snapshot(t.db);
    const res = await post(t, '/users/invite', { emails, profile: 'reader' }, { cookie: owner.cookie, htmx });
    expect(res.status).toBe(422);
    const f = textarea(await res.text(), 'emails');
    expect(f.error).toMatch(/at most 100 characters/);
    expect(f.error).toContain('new@example.com');
    expect(f.text).toBe(emails);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a name of exactly 100 characters is kept whole', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const name = 'n'.repeat(100);
    expect((await post(t, '/users/invite', { emails: `"${name}" <new@example.com>`, profile: 'reader' }, { cookie: owner.cookie })).status).toBe(200);
    const row = await t.db.selectFrom('invitations').select('display_name').executeTakeFirstOrThrow();
    expect(row.display_name).toBe(name);
  });
});

describe('a group with a 100 KB description', () => {
  it('is refused on create, naming the 300-character limit, the text kept, nothing written', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const before = await snapshot(t.db);
    const res = await post(t, '/groups', { name: 'analysts', description: HUGE }, { cookie: owner.cookie });
    expect(res.status).toBe(422);
    const f = textarea(await res.text(), 'description');
    expect(f.error).toMatch(/at most 300 characters/);
    expect(f.text).toBe(HUGE);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('is refused on edit, and the stored description is unchanged', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    expect((await post(t, '/groups', { name: 'analysts', description: 'before' }, { cookie: owner.cookie })).status).toBe(303);
    const group = await t.db.selectFrom('groups').select(['id', 'description']).where('name', '=', 'analysts').executeTakeFirstOrThrow();
    const res = await post(t, `/groups/${group.id}`, { name: 'analysts', description: HUGE }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(422);
    expect(textarea(await res.text(), 'description').error).toMatch(/at most 300 characters/);
    const after = await t.db.selectFrom('groups').select('description').where('id', '=', group.id).executeTakeFirstOrThrow();
    expect(after.description).toBe('before');
  });
});
