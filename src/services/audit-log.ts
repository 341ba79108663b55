// The Audit log panel's read model: newest first, keyset paging, filtered by action and by the actor's email.
import { listAuditEvents, type AuditEvent } from '../db/queries/audit.js';
import { findUserByEmail } from '../db/queries/users.js';
import { can } from '../domain/permissions.js';
import type { Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';

export type { AuditEvent } from '../db/queries/audit.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLogParams {
  action?: string;
  /** The actor's email: a select of every actor would list every member who ever accepted an invitation. */
  actorEmail?: string;
  /** Events older than this id. */
  before?: number;
  /** Events a page; the panel's 50 unless the API asks for another count. */
  limit?: number;
}

export interface AuditLogModel {
  events: AuditEvent[];
  /** Set when the actor's email matches no member: the list is then empty, and the field says why. */
  actorError: string | null;
  /** The id to page on for older events, when there are any. */
  olderThan: number | null;
}

export async function auditLog(deps: ServiceDeps, actor: Actor, params: AuditLogParams): Promise<({ ok: true } & AuditLogModel) | Failure<'forbidden'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const who = params.actorEmail ? await findUserByEmail(deps.db, params.actorEmail) : null;
  const actorError = params.actorEmail && !who ? `No member has the address ${params.actorEmail}.` : null;
  // An unknown actor matches nothing (actor id 0 is nobody's).
  const actorId = params.actorEmail ? (who?.id ?? 0) : undefined;
  const size = params.limit ?? AUDIT_PAGE_SIZE;
  const rows = await listAuditEvents(deps.db, { action: params.action, actorId, beforeId: params.before, limit: size + 1 });
  const events = rows.slice(0, size);
  return { ok: true, events, actorError, olderThan: rows.length > size ? events[events.length - 1]!.id : null };
}
