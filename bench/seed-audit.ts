// The audit trail: the events the seeded groups and invitations imply, then a mix of everyday events
// (sign-ins, acceptances, edits…) up to the total, all in time order so ids grow with `at` as in the app.
import { insertRows, type SqliteDb, type SqlValue } from './bulk-insert.js';
import { pick } from './fixtures.js';
import { DAY, type SeededUsers } from './seed-users.js';

/** One row as insertAuditEvent (src/db/queries/audit.ts) writes it. */
export interface AuditSeed {
  at: number;
  actorId: number | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: Record<string, unknown>;
}

const PROFILE_CHANGES = ['reader → explorer', 'explorer → designer', 'reader → designer', 'designer → explorer', 'explorer → reader'];

export function fillerEvent(rand: () => number, now: number, users: SeededUsers, groupNames: string[], invitedBy: string[]): AuditSeed {
  const u = 1 + Math.floor(rand() * users.count);
  const email = users.emails[u - 1]!;
  const atFrom = (from: number) => from + Math.floor(rand() * (now - from));
  const admin = pick(rand, users.adminIds);
  const adminEmail = users.emails[admin - 1]!;
  const groupIndex = Math.floor(rand() * groupNames.length);
  const r = rand();
  const at = atFrom(users.createdAt[u - 1]!);
  const byAdmin = (action: string, targetType: string, targetId: string, targetLabel: string, details: Record<string, unknown> = {}): AuditSeed => ({
    at, actorId: admin, actorLabel: adminEmail, action, targetType, targetId, targetLabel, details,
  });
  if (r < 0.55) return { at, actorId: u, actorLabel: email, action: 'session.signed_in', targetType: null, targetId: null, targetLabel: null, details: {} };
  if (r < 0.6) return { at, actorId: u, actorLabel: email, action: 'session.signed_out', targetType: null, targetId: null, targetLabel: null, details: {} };
  if (r < 0.75) {
    const at0 = users.createdAt[u - 1]!;
    return {
      at: at0, actorId: u, actorLabel: email, action: 'invitation.accepted', targetType: 'user', targetId: String(u), targetLabel: email,
      details: { profile: 'reader', groups: Math.floor(rand() * 3), invitedBy: pick(rand, invitedBy) },
    };
  }
  if (r < 0.83) {
    const details = rand() < 0.5 ? { profile: pick(rand, PROFILE_CHANGES) } : { joined: [groupNames[groupIndex]!] };
    return byAdmin('user.updated', 'user', String(u), email, details);
  }
  if (r < 0.9) return byAdmin('group.member_added', 'group', String(groupIndex + 2), groupNames[groupIndex]!, { user: email });
  if (r < 0.92) return byAdmin('group.member_removed', 'group', String(groupIndex + 2), groupNames[groupIndex]!, { user: email });
  if (r < 0.95) return byAdmin('invitation.resent', 'invitation', String(1 + Math.floor(rand() * 50_000)), email.replace('@', '+old@'), { wasExpired: rand() < 0.5 });
  if (r < 0.97) return byAdmin('invitation.revoked', 'invitation', String(1 + Math.floor(rand() * 50_000)), email.replace('@', '+old@'));
  return { at, actorId: u, actorLabel: email, action: 'password.changed', targetType: 'user', targetId: String(u), targetLabel: email, details: { endedSessions: Math.floor(rand() * 3) } };
}

export function seedAudit(
  db: SqliteDb,
  rand: () => number,
  now: number,
  total: number,
  users: SeededUsers,
  groupNames: string[],
  implied: AuditSeed[],
): { rows: number; byAction: Record<string, number> } {
  const events = implied.slice(0, total);
  const invitedBy = users.adminIds.map((id) => users.names[id - 1]!);
  while (events.length < total) events.push(fillerEvent(rand, now, users, groupNames, invitedBy));
  events.sort((a, b) => a.at - b.at);
  const byAction: Record<string, number> = {};
  function* rows(): Generator<SqlValue[]> {
    let id = 0;
    for (const e of events) {
      byAction[e.action] = (byAction[e.action] ?? 0) + 1;
      yield [++id, e.at, e.actorId, e.actorLabel, e.action, e.targetType, e.targetId, e.targetLabel, JSON.stringify(e.details)];
    }
  }
  const n = insertRows(
    db,
    'insert into audit_events (id, at, actor_id, actor_label, action, target_type, target_id, target_label, details) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    rows(),
  );
  return { rows: n, byAction };
}

export { DAY };
