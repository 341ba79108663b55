import { sql } from 'kysely';
import type { Profile } from '../../domain/profiles.js';
import type { Executor } from '../connect.js';
import type { InviterKind } from '../schema.js';

export interface Invitation {
  id: number;
  publicId: string;
  secretHash: Uint8Array;
  email: string;
  emailKey: string;
  /** The name the inviter gave, if any. */
  displayName: string | null;
  profile: Profile;
  status: 'pending' | 'accepted' | 'revoked';
  invitedBy: number | null;
  invitedByLabel: string;
  inviterKind: InviterKind;
  inviterKeyId: string | null;
  createdAt: number;
  expiresAt: number;
  lastSentAt: number | null;
  outboxId: number | null;
}

type Row = {
  id: number;
  public_id: string;
  secret_hash: Uint8Array;
  email: string;
  email_key: string;
  display_name: string | null;
  profile: Profile;
  status: 'pending' | 'accepted' | 'revoked';
  invited_by: number | null;
  invited_by_label: string;
  inviter_kind: InviterKind;
  inviter_key_id: string | null;
  created_at: number;
  expires_at: number;
  last_sent_at: number | null;
  outbox_id: number | null;
};

function toInvitation(r: Row): Invitation {
  return {
    id: r.id,
    publicId: r.public_id,
    secretHash: new Uint8Array(r.secret_hash),
    email: r.email,
    emailKey: r.email_key,
    displayName: r.display_name,
    profile: r.profile,
    status: r.status,
    invitedBy: r.invited_by,
    invitedByLabel: r.invited_by_label,
    inviterKind: r.inviter_kind,
    inviterKeyId: r.inviter_key_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastSentAt: r.last_sent_at,
    outboxId: r.outbox_id,
  };
}

const columns = [
  'id',
  'public_id',
  'secret_hash',
  'email',
  'email_key',
  'display_name',
  'profile',
  'status',
  'invited_by',
  'invited_by_label',
  'inviter_kind',
  'inviter_key_id',
  'created_at',
  'expires_at',
  'last_sent_at',
  'outbox_id',
] as const;

export interface NewInvitation {
  publicId: string;
  secretHash: Uint8Array;
  email: string;
  emailKey: string;
  displayName?: string | null;
  profile: Profile;
  invitedBy: number | null;
  invitedByLabel: string;
  /** 'user' unless said otherwise. */
  inviterKind?: InviterKind;
  inviterKeyId?: string | null;
  createdAt: number;
  expiresAt: number;
}

export async function insertInvitation(db: Executor, i: NewInvitation): Promise<number> {
  return (await insertInvitations(db, [i]))[0]!;
}

/** Rows per multi-row INSERT: well under SQLite's limit on bound values, and few statements for 1,000 rows. */
export const INSERT_CHUNK = 250;

/** Writes invitations a chunk at a time; answers their ids in the order given. */
export async function insertInvitations(db: Executor, list: NewInvitation[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < list.length; i += INSERT_CHUNK) {
    const chunk = list.slice(i, i + INSERT_CHUNK);
    const rows = await db
      .insertInto('invitations')
      .values(
        chunk.map((n) => ({
          public_id: n.publicId,
          secret_hash: n.secretHash,
          email: n.email,
          email_key: n.emailKey,
          display_name: n.displayName ?? null,
          profile: n.profile,
          status: 'pending' as const,
          invited_by: n.invitedBy,
          invited_by_label: n.invitedByLabel,
          inviter_kind: n.inviterKind ?? 'user',
          inviter_key_id: n.inviterKeyId ?? null,
          created_at: n.createdAt,
          expires_at: n.expiresAt,
        })),
      )
      .returning(['id', 'public_id'])
      .execute();
    // RETURNING promises no order: match the rows back by their public id.
    const byPublicId = new Map(rows.map((r) => [r.public_id, r.id]));
    for (const n of chunk) ids.push(byPublicId.get(n.publicId)!);
  }
  return ids;
}

export async function findInvitation(db: Executor, id: number): Promise<Invitation | null> {
  const r = await db.selectFrom('invitations').select(columns).where('id', '=', id).executeTakeFirst();
  return r ? toInvitation(r) : null;
}

export async function findInvitationByPublicId(db: Executor, publicId: string): Promise<Invitation | null> {
  const r = await db.selectFrom('invitations').select(columns).where('public_id', '=', publicId).executeTakeFirst();
  return r ? toInvitation(r) : null;
}

/** Pending invitations among these address keys (expired ones included: they can be resent). */
export async function pendingInvitationsFor(db: Executor, keys: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('invitations')
      .select(['id', 'email_key'])
      .where('status', '=', 'pending')
      .where('email_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.email_key, r.id);
  }
  return out;
}

export async function setInvitationGroups(db: Executor, invitationId: number, groupIds: number[]): Promise<void> {
  await setGroupsOfInvitations(db, [invitationId], groupIds);
}

/** Gives each of these invitations the same groups. */
export async function setGroupsOfInvitations(db: Executor, invitationIds: number[], groupIds: number[]): Promise<void> {
  if (groupIds.length === 0) return;
  const pairs = invitationIds.flatMap((invitation_id) => groupIds.map((group_id) => ({ invitation_id, group_id })));
  for (let i = 0; i < pairs.length; i += INSERT_CHUNK) {
    await db
      .insertInto('invitation_groups')
      .values(pairs.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function invitationGroupIds(db: Executor, invitationId: number): Promise<number[]> {
  const rows = await db.selectFrom('invitation_groups').select('group_id').where('invitation_id', '=', invitationId).execute();
  return rows.map((r) => r.group_id);
}

export async function markInvitationSent(db: Executor, id: number, outboxId: number, at: number, expiresAt?: number): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ outbox_id: outboxId, last_sent_at: at, ...(expiresAt !== undefined ? { expires_at: expiresAt } : {}) })
    .where('id', '=', id)
    .execute();
}

/**
 * Records the emails just queued for these invitations. One UPDATE for them all: each row's outbox id
 * and expiry come from a VALUES list joined on the id (typed by casts: PostgreSQL reads bare parameters
 * in VALUES as text).
 */
export async function markInvitationsSent(db: Executor, sent: Array<{ id: number; outboxId: number; expiresAt: number }>, at: number): Promise<void> {
  for (let i = 0; i < sent.length; i += INSERT_CHUNK) {
    const chunk = sent.slice(i, i + INSERT_CHUNK);
    const values = sql.join(chunk.map((s) => sql`(cast(${s.id} as integer), cast(${s.outboxId} as integer), cast(${s.expiresAt} as bigint))`));
    await sql`
      with sent (id, outbox_id, expires_at) as (values ${values})
      update invitations
      set outbox_id = (select sent.outbox_id from sent where sent.id = invitations.id),
          expires_at = (select sent.expires_at from sent where sent.id = invitations.id),
          last_sent_at = ${at}
      where id in (select id from sent)`.execute(db);
  }
}

/** Moves a pending invitation on; false when it was no longer pending (a parallel request won). */
export async function closeInvitation(
  db: Executor,
  id: number,
  to: { status: 'accepted'; at: number; userId: number } | { status: 'revoked'; at: number },
): Promise<boolean> {
  const set =
    to.status === 'accepted'
      ? { status: 'accepted' as const, accepted_at: to.at, accepted_user_id: to.userId }
      : { status: 'revoked' as const, revoked_at: to.at };
  const r = await db.updateTable('invitations').set(set).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function invitationStatusByPublicId(db: Executor, publicId: string): Promise<Invitation['status'] | null> {
  const r = await db.selectFrom('invitations').select('status').where('public_id', '=', publicId).executeTakeFirst();
  return r?.status ?? null;
}

/** The pending invitation for an address, if any (single sign-on matches people by their email). */
export async function findPendingInvitationByEmail(db: Executor, email: string): Promise<Invitation | null> {
  const r = await db
    .selectFrom('invitations')
    .select(columns)
    .where('email_key', '=', email.trim().toLowerCase())
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return r ? toInvitation(r) : null;
}

/** Who made each of these invitations (null once that user was deleted). */
/** Who stands behind each invitation: the kind, the member (null once deleted) or the key. */
export interface InvitationInviter {
  kind: InviterKind;
  userId: number | null;
  keyId: string | null;
}

export async function invitersOf(db: Executor, invitationIds: number[]): Promise<Map<number, InvitationInviter>> {
  const out = new Map<number, InvitationInviter>();
  for (let i = 0; i < invitationIds.length; i += 500) {
    const rows = await db
      .selectFrom('invitations')
      .select(['id', 'invited_by', 'inviter_kind', 'inviter_key_id'])
      .where('id', 'in', invitationIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, { kind: r.inviter_kind, userId: r.invited_by, keyId: r.inviter_key_id });
  }
  return out;
}

/** A current admin takes over an invitation (by sending it again): it is made on their behalf from now on. */
export async function setInviter(
  db: Executor,
  invitationId: number,
  inviter: { kind: InviterKind; id: number | null; keyId: string | null; label: string },
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ invited_by: inviter.id, invited_by_label: inviter.label, inviter_kind: inviter.kind, inviter_key_id: inviter.keyId })
    .where('id', '=', invitationId)
    .execute();
}
