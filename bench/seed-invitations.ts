// Pending invitations as inviteUsers (src/services/invite-users.ts) leaves them: the row (public id and the
// SHA-256 of the derived secret, never the secret), its groups, its outbox email (the link a placeholder,
// already sent by the worker) and its audit event. Most are still valid; some have expired.
import { randomUUID } from 'node:crypto';
import { LINK_PLACEHOLDER, type LinkSecrets } from '../src/auth/link-secrets.js';
import { randomId } from '../src/auth/tokens.js';
import { emailKey } from '../src/db/queries/users.js';
import { invitationEmail } from '../src/mail/messages/invitation.js';
import { formatDateTimeLong as formatDate } from '../src/domain/calendar.js';
import { insertRows, type SqliteDb, type SqlValue } from './bulk-insert.js';
import { person, pick } from './fixtures.js';
import type { AuditSeed } from './seed-audit.js';
import { SPACE_NAME, type SeededGroups } from './seed-groups.js';
import { DAY, someProfile, type SeededUsers } from './seed-users.js';

export const INVITE_TTL_MS = 7 * DAY;

export interface SeededInvitations {
  rows: number;
  expired: number;
  groupRows: number;
  outboxRows: number;
  /** `publicId.secret` of every invitation that can still be accepted, in random order. */
  acceptTokens: string[];
  audit: AuditSeed[];
}

export function seedInvitations(
  db: SqliteDb,
  rand: () => number,
  now: number,
  count: number,
  users: SeededUsers,
  groups: SeededGroups,
  links: LinkSecrets,
): SeededInvitations {
  // Creation times first, oldest first, so ids grow with time as they do in the app.
  const created = Array.from({ length: count }, () =>
    rand() < 0.1 ? now - INVITE_TTL_MS - DAY - Math.floor(rand() * 52 * DAY) : now - Math.floor(rand() * (INVITE_TTL_MS - 2 * 3_600_000)),
  ).sort((a, b) => a - b);
  const acceptTokens: string[] = [];
  const audit: AuditSeed[] = [];
  const invitationRows: SqlValue[][] = [];
  const groupRows: SqlValue[][] = [];
  const outboxRows: SqlValue[][] = [];
  let expired = 0;

  for (let i = 0; i < count; i++) {
    const id = i + 1;
    const at = created[i]!;
    const expiresAt = at + INVITE_TTL_MS;
    const p = person(rand, id, 'inv'); // "inv" keeps these addresses apart from the members'
    const email = p.email.trim();
    const profile = someProfile(rand);
    const inviter = pick(rand, users.adminIds);
    const inviterName = users.names[inviter - 1]!;
    const publicId = randomId(26);
    if (expiresAt > now) acceptTokens.push(`${publicId}.${links.secret('invitation', publicId)}`);
    else expired += 1;

    const chosen = new Set<number>();
    if (rand() < 0.3) {
      const n = 1 + Math.floor(rand() * 2);
      while (chosen.size < n && chosen.size < groups.names.length) chosen.add(2 + Math.floor(rand() * groups.names.length));
    }
    for (const g of chosen) groupRows.push([id, g]);

    const message = invitationEmail({ spaceName: SPACE_NAME, inviterName, profile, link: LINK_PLACEHOLDER, expiresOn: formatDate(expiresAt) });
    const failed = rand() < 0.01;
    outboxRows.push([
      id, 'invitation', String(id), email, message.subject, message.html, message.text,
      failed ? 'failed' : 'sent', failed ? 8 : 1, at + 60_000,
      failed ? 'The email address is not valid (422)' : null, failed ? null : randomUUID(), at, failed ? null : at + 1_500, `invitation:${publicId}`,
    ]);
    invitationRows.push([id, publicId, links.hash('invitation', publicId), email, emailKey(email), profile, 'pending', inviter, inviterName, at, expiresAt, at, id]);
    audit.push({
      at, actorId: inviter, actorLabel: users.emails[inviter - 1]!, action: 'invitation.created', targetType: 'invitation',
      targetId: String(id), targetLabel: email, details: { profile, groups: chosen.size },
    });
  }

  const outbox = insertRows(
    db,
    `insert into outbox (id, kind, ref_id, to_address, subject, html, text, status, attempts, next_attempt_at, last_error, provider_id, created_at, sent_at, link_ref)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    outboxRows,
  );
  const rows = insertRows(
    db,
    `insert into invitations (id, public_id, secret_hash, email, email_key, profile, status, invited_by, invited_by_label, created_at, expires_at, last_sent_at, outbox_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    invitationRows,
  );
  const groupCount = insertRows(db, 'insert into invitation_groups (invitation_id, group_id) values (?, ?)', groupRows);

  for (let i = acceptTokens.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [acceptTokens[i], acceptTokens[j]] = [acceptTokens[j]!, acceptTokens[i]!];
  }
  return { rows, expired, groupRows: groupCount, outboxRows: outbox, acceptTokens, audit };
}
