// Helpers for the Users tab's tests: who is acting, inviting someone, finding the link an email carried,
// and counting what a request wrote.
import { expect } from 'vitest';
import { grantPermissions, insertGroup } from '../../src/db/queries/groups.js';
import { findInvitation, type Invitation } from '../../src/db/queries/invitations.js';
import { findSpace } from '../../src/db/queries/space.js';
import type { Profile } from '../../src/domain/profiles.js';
import { inviteUsers } from '../../src/services/invite-users.js';
import { loadCurrentUser, type CurrentUser } from '../../src/services/principal.js';
import { SPACE_ADMINISTRATORS } from '../../src/services/setup.js';
import { addUser, makeApp, withSpace, type TestApp, type TestUser } from './app.js';

/** The user as the services see them: groups, permissions, ownership. */
export async function actor(t: TestApp, userId: number): Promise<CurrentUser> {
  const user = await loadCurrentUser(t.db, userId);
  if (!user) throw new Error(`no user ${userId}`);
  return user;
}

/** The space with its owner, who acts as a space admin. */
export async function spaceWithOwner(t: TestApp): Promise<{ owner: TestUser; admin: CurrentUser }> {
  const owner = await withSpace(t);
  return { owner, admin: await actor(t, owner.id) };
}

/** A second space admin (not the owner). */
export function addAdmin(t: TestApp, email = 'admin@example.com', profile: Profile = 'explorer'): Promise<TestUser> {
  return addUser(t, { email, name: 'Adam Admin', profile, groups: [{ name: SPACE_ADMINISTRATORS }] });
}

/** Invites one address; returns the invitation. */
export async function inviteOne(
  t: TestApp,
  by: CurrentUser,
  email: string,
  opts: { profile?: Profile; groupIds?: number[] } = {},
): Promise<Invitation> {
  const r = await inviteUsers(t.deps, by, { emails: email, profile: opts.profile ?? 'reader', groupIds: opts.groupIds ?? [] });
  if (!r.ok) throw new Error(`could not invite ${email}: ${JSON.stringify(r)}`);
  const outcome = r.outcomes[0]!;
  if (outcome.result !== 'invited') throw new Error(`${email} was not invited: ${outcome.result}`);
  return (await findInvitation(t.db, outcome.invitationId))!;
}

/** Lets the mail worker send what is due, and returns the link of the last email to `email`. */
export async function emailedLink(t: TestApp, email: string): Promise<string> {
  await t.worker.runOnce();
  const mail = t.mailer.sent.filter((m) => m.to === email).pop();
  if (!mail) throw new Error(`no email was sent to ${email}`);
  const m = /https?:\/\/\S*\/invite\/\S+/.exec(mail.text);
  if (!m) throw new Error(`no invitation link in: ${mail.text}`);
  return m[0];
}

/** The token part of an invitation link (`/invite/<token>`). */
export function tokenOf(link: string): string {
  const path = new URL(link).pathname;
  expect(path).toMatch(/^\/invite\/[^/]+$/);
  return decodeURIComponent(path.slice('/invite/'.length));
}

/** The path of an invitation link, for app.request(). */
export function pathOf(link: string): string {
  return new URL(link).pathname;
}

/** How many rows each table an invitation or a row action writes to holds. */
export async function counts(t: TestApp) {
  const n = async (table: 'invitations' | 'invitation_groups' | 'audit_events' | 'outbox' | 'users' | 'group_members' | 'sessions') => {
    const r = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  };
  return {
    invitations: await n('invitations'),
    invitationGroups: await n('invitation_groups'),
    auditEvents: await n('audit_events'),
    outbox: await n('outbox'),
    users: await n('users'),
    groupMembers: await n('group_members'),
    sessions: await n('sessions'),
  };
}

export async function ownerId(t: TestApp): Promise<number | undefined> {
  return (await findSpace(t.db))?.ownerId;
}

export async function groupIdsOf(t: TestApp, userId: number): Promise<number[]> {
  const rows = await t.db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).orderBy('group_id').execute();
  return rows.map((r) => r.group_id);
}

export async function adminsGroupId(t: TestApp): Promise<number> {
  const g = await t.db.selectFrom('groups').select('id').where('name', '=', SPACE_ADMINISTRATORS).executeTakeFirstOrThrow();
  return g.id;
}

/** Creates a group with permissions (no members) and returns its id. */
export async function makeGroup(t: TestApp, name: string, permissions: string[] = []): Promise<number> {
  const id = await insertGroup(t.db, { name, description: '', origin: 'admin', createdAt: t.deps.now() });
  await grantPermissions(t.db, id, permissions);
  return id;
}

/** Text of an HTML fragment with tags removed and whitespace collapsed, for reading what a person sees. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** What an invitee types on the accept page. */
export const FORM = { displayName: 'Nina New', password: 'a long enough password' };

/** A space, an invitation for nina@example.com (explorer, two groups), and the link her email carried. */
export async function invited(env: Record<string, string> = {}, profile: 'designer' | 'explorer' | 'reader' = 'explorer') {
  const t = await makeApp(env);
  const { owner, admin } = await spaceWithOwner(t);
  const groups = [await makeGroup(t, 'Analysts'), await makeGroup(t, 'Marketing')];
  await makeGroup(t, 'Not chosen');
  const invitation = await inviteOne(t, admin, 'Nina@Example.com', { profile, groupIds: groups });
  const link = await emailedLink(t, 'Nina@Example.com');
  return { t, owner, admin, groups, invitation, link, token: tokenOf(link) };
}
