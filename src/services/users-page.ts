// The Users tab's read models: the page (members and pending invitations, with their groups and the seats)
// and one row of it. The page and a row's htmx fragment render from these same functions.
import { groupsOfInvitations, groupsOfUsers, listGroupRefs, type GroupRef } from '../db/queries/groups.js';
import { findListRow, listUsersAndInvitations, type UserListQuery, type UserListRow } from '../db/queries/user-list.js';
import { findSpace } from '../db/queries/space.js';
import { can } from '../domain/permissions.js';
import type { Profile, SeatUsage } from '../domain/profiles.js';
import { actorUserId, type Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { seatUsage } from './seats.js';

export type { GroupRef } from '../db/queries/groups.js';
export type { UserListQuery, UserListRow, UserListSort, UserListStatus } from '../db/queries/user-list.js';

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
  // A key is nobody's account (-1 matches no row).
  return { viewerId: actorUserId(actor) ?? -1, viewerIsOwner: actor.isOwner, ownerId: space?.ownerId ?? -1, now: deps.now() };
}

export async function usersPage(deps: ServiceDeps, actor: Actor, params: UsersPageParams): Promise<({ ok: true } & UsersPageModel) | Failure<'forbidden'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const now = deps.now();
  const query: UserListQuery = { ...params, pageSize: USERS_PAGE_SIZE, now };
  const [{ rows, total }, groups, usage, viewer] = await Promise.all([
    listUsersAndInvitations(deps.db, query),
    listGroupRefs(deps.db),
    seatUsage(deps.db, deps.config.seats, now),
    viewerOf(deps, actor),
  ]);
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
  const row = await findListRow(deps.db, kind, id);
  if (!row) return { ok: false, code: 'not_found' };
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
