// Keyset lists of members and of invitations, for the API: the Users tab's search, filters and orders,
// read after the last row seen instead of by page number. Each row comes with its groups.
import { groupsOfInvitations, groupsOfUsers, type GroupRef } from '../db/queries/groups.js';
import {
  listInvitationsAfter,
  listMembersAfter,
  type InvitationKeysetQuery,
  type InvitationKeysetRow,
  type MemberKeysetQuery,
  type MemberKeysetRow,
  type SortKey,
} from '../db/queries/member-keyset.js';
import type { Invitation } from '../db/queries/invitations.js';
import { can } from '../domain/permissions.js';
import type { Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { invitationById } from './invitation-actions.js';

export type { InvitationListSort, InvitationListStatus, SortKey } from '../db/queries/member-keyset.js';

export interface KeysetPage<Row> {
  rows: Array<Row & { groups: GroupRef[] }>;
  /** The last row's key when more rows follow; null on the last page. */
  next: SortKey | null;
}

type Listed<Row> = ({ ok: true } & KeysetPage<Row>) | Failure<'forbidden'>;

/** One more row than asked tells whether another page follows, without counting. */
function page<Row extends { id: number; key: SortKey }>(rows: Row[], limit: number, groups: Map<number, GroupRef[]>) {
  const shown = rows.slice(0, limit);
  return {
    rows: shown.map((r) => ({ ...r, groups: groups.get(r.id) ?? [] })),
    next: rows.length > limit ? shown[shown.length - 1]!.key : null,
  };
}

export async function memberList(deps: ServiceDeps, actor: Actor, q: Omit<MemberKeysetQuery, 'limit'> & { limit: number }): Promise<Listed<MemberKeysetRow>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const rows = await listMembersAfter(deps.db, { ...q, limit: q.limit + 1 });
  const groups = await groupsOfUsers(deps.db, rows.slice(0, q.limit).map((r) => r.id));
  return { ok: true, ...page(rows, q.limit, groups) };
}

export async function invitationList(deps: ServiceDeps, actor: Actor, q: Omit<InvitationKeysetQuery, 'now'>): Promise<Listed<InvitationKeysetRow>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const rows = await listInvitationsAfter(deps.db, { ...q, limit: q.limit + 1, now: deps.now() });
  const groups = await groupsOfInvitations(deps.db, rows.slice(0, q.limit).map((r) => r.id));
  return { ok: true, ...page(rows, q.limit, groups) };
}

export interface InvitationDetail {
  id: number;
  email: string;
  displayName: string | null;
  profile: Invitation['profile'];
  status: Invitation['status'];
  invitedByLabel: string;
  createdAt: number;
  expiresAt: number;
  lastSentAt: number | null;
  groups: GroupRef[];
}

/** One invitation, whatever its status, with its groups; never its secret. */
export async function invitationDetail(deps: ServiceDeps, actor: Actor, id: number): Promise<({ ok: true } & InvitationDetail) | Failure<'forbidden' | 'not_found'>> {
  const found = await invitationById(deps, actor, id);
  if (!found.ok) return found;
  const i = found.invitation;
  const groups = (await groupsOfInvitations(deps.db, [id])).get(id) ?? [];
  return {
    ok: true,
    id: i.id,
    email: i.email,
    displayName: i.displayName,
    profile: i.profile,
    status: i.status,
    invitedByLabel: i.invitedByLabel,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    lastSentAt: i.lastSentAt,
    groups,
  };
}
