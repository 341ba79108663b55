// The Users tab's test fixture: a space with members and a pending invitation, and readers of the list's HTML.
import { expect } from 'vitest';
import { addUser, get, makeApp, withSpace, type TestApp } from './app.js';
import { actor, inviteOne, makeGroup } from './invitations.js';
/**
 * The owner (a designer, signed in), Ada (explorer, in Analysts), Bob (reader) and a pending invitation for
 * Carol (reader, Analysts). By name the list reads: Ada Lovelace, Bob Builder, carol@example.com, Olivia Owner.
 */
export async function panel(env: Record<string, string> = {}) {
  const t = await makeApp(env);
  const owner = await withSpace(t);
  const analysts = await makeGroup(t, 'Analysts');
  const ada = await addUser(t, { email: 'ada@example.com', name: 'Ada Lovelace', profile: 'explorer', groups: [{ name: 'Analysts' }] });
  const bob = await addUser(t, { email: 'bob@example.com', name: 'Bob Builder', profile: 'reader' });
  const carol = await inviteOne(t, await actor(t, owner.id), 'carol@example.com', { groupIds: [analysts] });
  const key = {
    owner: `user-${owner.id}`,
    ada: `user-${ada.id}`,
    bob: `user-${bob.id}`,
    carol: `invitation-${carol.id}`,
  };
  return { t, owner, analysts, ada, bob, carol, key };
}

/** The rows of the list, in order, as `user-<id>` / `invitation-<id>`. */
export function rowKeys(html: string): string[] {
  return [...html.matchAll(/<tr id="row-(user|invitation)-(\d+)"/g)].map((m) => `${m[1]}-${m[2]}`);
}

/** One row's HTML. */
export function rowOf(html: string, key: string): string {
  const m = new RegExp(`<tr id="row-${key}"[\\s\\S]*?</tr>`).exec(html);
  if (!m) throw new Error(`no row ${key}`);
  return m[0];
}

export async function listed(t: TestApp, cookie: string, query = ''): Promise<string[]> {
  const res = await get(t, `/users${query}`, { cookie });
  expect(res.status).toBe(200);
  return rowKeys(await res.text());
}

export const isPage = (html: string) => /<html/i.test(html);

/** A row's "…" menu as htmx fetches it when it opens (`user-<id>` / `invitation-<id>`). */
export async function menuOf(t: TestApp, cookie: string, key: string): Promise<string> {
  const [kind, id] = key.split('-');
  const res = await get(t, `/${kind === 'user' ? 'users' : 'invitations'}/${id}/actions`, { cookie, htmx: true });
  expect(res.status).toBe(200);
  return res.text();
}
