// The Audit log panel's read model: newest first, keyset paging, filtered by date range, actions, actor
// (part of a name or email) and target (one user, invitation, group or code env, or a label).
import { eachAuditEvent, listAuditEvents, type AuditEvent, type AuditQuery } from '../db/queries/audit.js';
import { ACTOR_MATCH_LIMIT, membersMatching } from '../db/queries/audit-actors.js';
import { can } from '../domain/permissions.js';
import type { Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';

export type { AuditEvent } from '../db/queries/audit.js';

export const AUDIT_PAGE_SIZE = 50;
const DAY = 24 * 60 * 60 * 1000;

export interface AuditFilter {
  actions?: string[];
  /** Part of an actor's name or email, or an operator's label ("command line"). */
  actor?: string;
  /** `type:id` (the link on a row) or a target's label exactly (an address, a group's name). */
  target?: string;
  /** Days (YYYY-MM-DD, UTC), both included. */
  from?: string;
  to?: string;
}

export interface AuditLogParams extends AuditFilter {
  /** Events older than this id. */
  before?: number;
  /** Events a page; the panel's 50 unless the API asks for another count. */
  limit?: number;
}

export interface AuditLogModel {
  events: AuditEvent[];
  /** Set when the actor filter matches no member: the list is then empty, and the field says why. */
  actorError: string | null;
  /** Set when the actor filter matches more members than it reads: which of them the list shows. */
  actorNote: string | null;
  /** The id to page on for older events, when there are any. */
  olderThan: number | null;
}

const TARGET_REF = /^(user|invitation|group|code_env|extension|api_key|space):([A-Za-z0-9_.-]{1,100})$/;

function dayStart(day: string | undefined): number | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The filter as a query, with the actor resolved to members; the error says why nothing can match. */
async function auditQuery(deps: ServiceDeps, f: AuditFilter): Promise<{ query: Omit<AuditQuery, 'limit'>; actorError: string | null; actorNote: string | null }> {
  const query: Omit<AuditQuery, 'limit'> = {};
  let actorError: string | null = null;
  let actorNote: string | null = null;
  if (f.actions?.length) query.actions = f.actions;
  if (f.actor) {
    // One more than it reads, to know whether it read them all.
    const ids = await membersMatching(deps.db, f.actor, ACTOR_MATCH_LIMIT + 1);
    query.actors = { ids: ids.slice(0, ACTOR_MATCH_LIMIT), label: f.actor };
    if (ids.length === 0) actorError = `No member's name or address holds "${f.actor}".`;
    if (ids.length > ACTOR_MATCH_LIMIT) {
      actorNote = `More than ${ACTOR_MATCH_LIMIT} members' names or addresses hold "${f.actor}": these are the events of the first ${ACTOR_MATCH_LIMIT} by name. Type more of a name or an address to see the others.`;
    }
  }
  if (f.target) {
    const ref = TARGET_REF.exec(f.target);
    query.target = ref ? { type: ref[1]!, id: ref[2]! } : { label: f.target };
  }
  query.fromAt = dayStart(f.from);
  const to = dayStart(f.to);
  query.toAt = to === undefined ? undefined : to + DAY;
  return { query, actorError, actorNote };
}

export async function auditLog(deps: ServiceDeps, actor: Actor, params: AuditLogParams): Promise<({ ok: true } & AuditLogModel) | Failure<'forbidden'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const { query, actorError, actorNote } = await auditQuery(deps, params);
  const size = params.limit ?? AUDIT_PAGE_SIZE;
  const rows = await listAuditEvents(deps.db, { ...query, beforeId: params.before, limit: size + 1, now: deps.now() });
  const events = rows.slice(0, size);
  return { ok: true, events, actorError, actorNote, olderThan: rows.length > size ? events[events.length - 1]!.id : null };
}

/** Every event the filter matches, newest first, read in keyset batches. Only the export use case calls it, after its check. */
export async function eachAuditEventFor(deps: ServiceDeps, filter: AuditFilter): Promise<AsyncIterable<AuditEvent>> {
  const { query } = await auditQuery(deps, filter);
  return eachAuditEvent(deps.db, query);
}
