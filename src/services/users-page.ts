// The Users tab's read models: the page (members and pending invitations, with their groups and the seats)
// and one row of it. The page and a row's htmx fragment render from these same functions.
import { findGroupByName, findGroupRef, groupsOfInvitations, groupsOfUsers, listGroupRefs, searchGroupRefs, type GroupRef } from '../db/queries/groups.js';
import { findListRow, listPageKeys, listRowsOf, type UserListQuery, type UserListRow as ListRow } from '../db/queries/user-list.js';
import { readCountsWithExpired } from '../db/queries/profile-counts.js';
import { findSpace } from '../db/queries/space.js';
import { can } from '../domain/permissions.js';
import type { Profile, SeatUsage } from '../domain/profiles.js';
import { actorUserId, type Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { invitationsWithLapsedInviter } from './inviter-rights.js';
import { seatUsage } from './seats.js';

export type { GroupRef } from '../db/queries/groups.js';
export type { UserListQuery, UserListSort, UserListStatus } from '../db/queries/user-list.js';

/** A row of the list; a pending invitation also says whether its inviter is no longer an admin (it cannot be accepted). */
export type UserListRow = ListRow & { inviterLapsed: boolean };

/** Each row with whether it is a pending invitation whose inviter lapsed (`lapsed`: those invitations' ids). */
const withLapsed = (rows: ListRow[], lapsed: Set<number>): UserListRow[] =>
  rows.map((r) => ({ ...r, inviterLapsed: r.kind === 'invitation' && lapsed.has(r.id) }));

async function withInviterState(deps: ServiceDeps, rows: ListRow[]): Promise<UserListRow[]> {
  const ids = rows.filter((r) => r.kind === 'invitation').map((r) => r.id);
  return withLapsed(rows, await invitationsWithLapsedInviter(deps.db, ids, deps.now()));
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
  /** Where invitation emails go: sent by Resend, or only written to the server log (no RESEND_API_KEY). */
  mail: 'resend' | 'log';
}

/**
 * The group filter, a searchable field rather than a list of every group: the group it names, or, when its
 * text names none exactly, the groups whose names contain it (the list then shows nobody until one is picked).
 */
export type GroupFilter = { text: string; group: GroupRef | null; suggestions: GroupRef[] } | null;

export interface UsersPageModel {
  rows: UserRowModel[];
  total: number;
  query: UserListQuery;
  groupFilter: GroupFilter;
  usage: Record<Profile, SeatUsage>;
  viewer: Viewer;
}

export type UsersPageParams = Omit<UserListQuery, 'pageSize' | 'now'> & {
  /** The group filter's text, as typed (a name or part of one); `groupId` wins when both are given. */
  groupName?: string;
};

export const GROUP_SUGGESTIONS = 8;

async function resolveGroupFilter(deps: ServiceDeps, params: UsersPageParams): Promise<GroupFilter> {
  if (params.groupId !== undefined) {
    const group = await findGroupRef(deps.db, params.groupId);
    return { text: group?.name ?? '', group, suggestions: [] };
  }
  const text = params.groupName?.trim();
  if (!text) return null;
  const exact = await findGroupByName(deps.db, text);
  if (exact) return { text, group: exact, suggestions: [] };
  const suggestions = await searchGroupRefs(deps.db, text, GROUP_SUGGESTIONS + 1);
  if (suggestions.length === 1) return { text, group: suggestions[0]!, suggestions: [] };
  return { text, group: null, suggestions };
}

async function viewerOf(deps: ServiceDeps, actor: Actor): Promise<Viewer> {
  const space = await findSpace(deps.db);
  // A key is nobody's account (-1 matches no row).
  return { viewerId: actorUserId(actor) ?? -1, viewerIsOwner: actor.isOwner, ownerId: space?.ownerId ?? -1, now: deps.now(), mail: deps.config.resendApiKey ? 'resend' : 'log' };
}

export async function usersPage(deps: ServiceDeps, actor: Actor, params: UsersPageParams): Promise<({ ok: true } & UsersPageModel) | Failure<'forbidden'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const now = deps.now();
  const { groupName: _typed, ...listParams } = params;
  // What does not wait on another read is read side by side: on PostgreSQL each is a round trip, and the
  // page waits for the longest chain only (session, counts, the page's keys, then its rows with their groups).
  // The counts kept by triggers serve both the list's totals and the seats: read once.
  const [groupFilter, seatCounts] = await Promise.all([resolveGroupFilter(deps, params), readCountsWithExpired(deps.db, now)]);
  const { counts } = seatCounts;
  const query: UserListQuery = { ...listParams, groupId: groupFilter?.group?.id, pageSize: USERS_PAGE_SIZE, now };
  const unmatched = groupFilter !== null && groupFilter.group === null;
  const [{ keys, total }, usage, viewer] = await Promise.all([
    unmatched ? { keys: [], total: 0 } : listPageKeys(deps.db, query, counts),
    seatUsage(deps.db, deps.config.seats, now, seatCounts),
    viewerOf(deps, actor),
  ]);
  const idsOf = (kind: RowKind) => keys.filter((k) => k.kind === kind).map((k) => k.id);
  const [listed, lapsed, userGroups, inviteGroups] = await Promise.all([
    listRowsOf(deps.db, keys),
    invitationsWithLapsedInviter(deps.db, idsOf('invitation'), now),
    groupsOfUsers(deps.db, idsOf('user')),
    groupsOfInvitations(deps.db, idsOf('invitation')),
  ]);
  const rows = withLapsed(listed, lapsed);
  const groupsOf = (r: UserListRow) => (r.kind === 'user' ? userGroups : inviteGroups).get(r.id) ?? [];
  return { ok: true, rows: rows.map((row) => ({ row, groups: groupsOf(row) })), total, query, groupFilter, usage, viewer };
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

/** The groups whose names contain `text`, for the group filter's suggestions. */
export async function groupSuggestions(deps: ServiceDeps, actor: Actor, text: string): Promise<({ ok: true; groups: GroupRef[] }) | Failure<'forbidden'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return { ok: true, groups: text.trim() ? await searchGroupRefs(deps.db, text.trim(), GROUP_SUGGESTIONS) : [] };
}

/** The groups one can pick in Invite a User, and the seats each profile has free. */
export async function inviteChoices(
  deps: ServiceDeps,
  actor: Actor,
): Promise<({ ok: true; groups: GroupRef[]; usage: Record<Profile, SeatUsage> }) | Failure<'forbidden'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const [groups, usage] = await Promise.all([listGroupRefs(deps.db), seatUsage(deps.db, deps.config.seats, deps.now())]);
  return { ok: true, groups, usage };
}
