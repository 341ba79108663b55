// Writing new invitations inside the caller's transaction: the rows, their groups, their emails in the
// outbox (sent after commit) and one audit event each. Invite a User and Import users both write through
// here, so an imported invitation is the same thing as a typed one.
import { randomId } from '../auth/tokens.js';
import type { Executor } from '../db/connect.js';
import type { InviterKind } from '../db/schema.js';
import { insertAuditEvents } from '../db/queries/audit.js';
import { insertInvitations, setGroupsOfInvitations } from '../db/queries/invitations.js';
import type { Profile } from '../domain/profiles.js';
import { auditEvent, invitationTarget, type AuditBy } from './audit.js';
import type { ServiceDeps } from './deps.js';
import { queueInvitationEmails } from './invitation-email.js';

export interface NewInvitationEntry {
  email: string;
  /** normalizeEmail's key. */
  key: string;
  name: string | null;
  profile: Profile;
  groupIds: number[];
}

/** Who invites: the log's actor, the user id kept on the invitation, and the name the email gives. */
export interface Inviter {
  by: AuditBy;
  /** Who stands behind the invitations: a member, an API key or the operator (services/inviter-rights.ts). */
  kind: InviterKind;
  userId: number | null;
  keyId: string | null;
  name: string;
}

/** Writes the invitations in a few multi-row statements (1,000 addresses in one submission); returns their ids in order. */
export async function writeInvitations(trx: Executor, deps: Pick<ServiceDeps, 'config' | 'links'>, inviter: Inviter, entries: NewInvitationEntry[], now: number): Promise<number[]> {
  if (entries.length === 0) return [];
  const expiresAt = now + deps.config.inviteTtlMs;
  const rows = entries.map((entry) => {
    const publicId = randomId(26);
    return {
      publicId,
      secretHash: deps.links.hash('invitation', publicId),
      email: entry.email,
      emailKey: entry.key,
      displayName: entry.name,
      profile: entry.profile,
      invitedBy: inviter.userId,
      invitedByLabel: inviter.name,
      inviterKind: inviter.kind,
      inviterKeyId: inviter.keyId,
      createdAt: now,
      expiresAt,
    };
  });
  const ids = await insertInvitations(trx, rows);
  // One statement per distinct set of groups (Invite a User has one; an import a few).
  const byGroups = new Map<string, { groupIds: number[]; ids: number[] }>();
  entries.forEach((e, n) => {
    const groupIds = [...new Set(e.groupIds)].sort((a, b) => a - b);
    const key = groupIds.join(',');
    const set = byGroups.get(key) ?? { groupIds, ids: [] };
    set.ids.push(ids[n]!);
    byGroups.set(key, set);
  });
  for (const set of byGroups.values()) if (set.groupIds.length) await setGroupsOfInvitations(trx, set.ids, set.groupIds);
  await queueInvitationEmails(
    trx,
    rows.map((r, n) => ({ id: ids[n]!, publicId: r.publicId, email: r.email, profile: r.profile, expiresAt })),
    inviter.name,
    now,
  );
  await insertAuditEvents(
    trx,
    rows.map((r, n) =>
      auditEvent(now, inviter.by, 'invitation.created', invitationTarget({ id: ids[n]!, email: r.email }), { profile: r.profile, groups: entries[n]!.groupIds.length }),
    ),
  );
  return ids;
}
