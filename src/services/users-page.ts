// The Users tab's read models: the page (members and pending invitations, with their groups and the seats)
// and one row of it. The page and a row's htmx fragment render from these same functions.
import { groupsOfInvitations, groupsOfUsers, listGroupRefs, type GroupRef } from '../db/queries/groups.js';
import { findListRow, listUsersAndInvitations, type UserListQuery, type UserListRow as ListRow } from '../db/queries/user-list.js';
import { findSpace } from '../db/queries/space.js';
import { can } from '../domain/permissions.js';
import type { Profile, SeatUsage } from '../domain/profiles.js';
import type { Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { invitationsWithLapsedInviter } from './inviter-rights.js';
import { seatUsage } from './seats.js';

export type { GroupRef } from '../db/queries/groups.js';
export type { UserListQuery, UserListSort, UserListStatus } from '../db/queries/user-list.js';

/** A row of the list; a pending invitation also says whether its inviter is no longer an admin (it cannot be accepted). */
export type UserListRow = ListRow & { inviterLapsed: boolean };

async function withInviterState(deps: ServiceDeps, rows: ListRow[]): Promise<UserListRow[]> {
  const lapsed = await invitationsWithLapsedInviter(deps.db, rows.filter((r) => r.kind === 'invitation').map((r) => r.id));
  return rows.map((r) => ({ ...r, inviterLapsed: r.kind === 'invitation' && lapsed.has(r.id) }));
}

export const USERS_PAGE_SIZE = 50;

export type RowKind = 'user' | 'invitation';

/** One row with what its menu needs: its groups, and who owns the space and who is looking. */
export interface UserRowModel {
  row: UserListRow;
  groups: GroupRef[];
}

/** Who looks at the list: the row menus depend on it. */
export interface Viewer {
  viewerId: number;
  viewerIsOwner: boolean;
  ownerId: number;
  now: number;
}

export interface UsersPageModel {
  rows: UserRowModel[];
  total: number;
  query: UserListQuery;
  groups: GroupRef[];
  usage: Record<Profile, SeatUsage>;
  viewer: Viewer;
}

export type UsersPageParams = Omit<UserListQuery, 'pageSize' | 'now'>;

async function viewerOf(deps: ServiceDeps, actor: Actor): Promise<Viewer> {
  const space = await findSpace(deps.db);
  return { viewerId: actor.id, viewerIsOwner: actor.isOwner, ownerId: space?.ownerId ?? -1, now: deps.now() };
}

export async function usersPage(deps: ServiceDeps, actor: Actor, params: UsersPageParams): Promise<({ ok: true } & UsersPageModel) | Failure<'forbidden'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const now = deps.now();
  const query: UserListQuery = { ...params, pageSize: USERS_PAGE_SIZE, now };
  const [{ rows: listed, total }, groups, usage, viewer] = await Promise.all([
    listUsersAndInvitations(deps.db, query),
    listGroupRefs(deps.db),
    seatUsage(deps.db, deps.config.seats, now),
    viewerOf(deps, actor),
  ]);
  const rows = await withInviterState(deps, listed);
  const [userGroups, inviteGroups] = await Promise.all([
    groupsOfUsers(deps.db, rows.filter((r) => r.kind === 'user').map((r) => r.id)),
    groupsOfInvitations(deps.db, rows.filter((r) => r.kind === 'invitation').map((r) => r.id)),
  ]);
  const groupsOf = (r: UserListRow) => (r.kind === 'user' ? userGroups : inviteGroups).get(r.id) ?? [];
  return { ok: true, rows: rows.map((row) => ({ row, groups: groupsOf(row) })), total, query, groups, usage, viewer };
}

/** One row of the list, as the page shows it; not_found when it left the list (deleted, accepted, revoked). */
export async function userRow(
  deps: ServiceDeps,
  actor: Actor,
  kind: RowKind,
  id: number,
): Promise<({ ok: true; viewer: Viewer } & UserRowModel) | Failure<'forbidden' | 'not_found'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const found = await findListRow(deps.db, kind, id);
  if (!found) return { ok: false, code: 'not_found' };
  const row = (await withInviterState(deps, [found]))[0]!;
  const [groups, viewer] = await Promise.all([
    (kind === 'user' ? groupsOfUsers(deps.db, [id]) : groupsOfInvitations(deps.db, [id])).then((m) => m.get(id) ?? []),
    viewerOf(deps, actor),
  ]);
  return { ok: true, row, groups, viewer };
}

/** The seats of each profile, for the seat cards a row action refreshes. */
export async function seatsPanel(deps: ServiceDeps): Promise<Record<Profile, SeatUsage>> {
  return seatUsage(deps.db, deps.config.seats, deps.now());
}

/** The groups one can pick in Invite a User. */
export async function inviteChoices(deps: ServiceDeps, actor: Actor): Promise<({ ok: true; groups: GroupRef[] }) | Failure<'forbidden'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return { ok: true, groups: await listGroupRefs(deps.db) };
}
