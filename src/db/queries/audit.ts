import { engineOf, type Executor } from '../connect.js';
import { actionsOf, whereActions, whereFiltered, type AuditQuery, type PageIds } from './audit-filter.js';
import { postgresPageRows } from './audit-postgres.js';

export interface AuditEventInput {
  at: number;
  actorId: number | null;
  actorLabel: string;
  action: string;
  targetType?: string;
  targetId?: string | number;
  targetLabel?: string;
  details?: Record<string, unknown>;
}

export interface AuditEvent {
  id: number;
  at: number;
  actorId: number | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: Record<string, unknown>;
}

export async function insertAuditEvent(db: Executor, e: AuditEventInput): Promise<void> {
  await insertAuditEvents(db, [e]);
}

/** Several events in few statements (a bulk invitation writes one per address). */
export async function insertAuditEvents(db: Executor, events: AuditEventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += 250) {
    await db
      .insertInto('audit_events')
      .values(
        events.slice(i, i + 250).map((e) => ({
          at: e.at,
          actor_id: e.actorId,
          actor_label: e.actorLabel,
          action: e.action,
          target_type: e.targetType ?? null,
          target_id: e.targetId === undefined ? null : String(e.targetId),
          target_label: e.targetLabel ?? null,
          details: JSON.stringify(e.details ?? {}),
        })),
      )
      .execute();
  }
}

export type { AuditQuery } from './audit-filter.js';

/**
 * Every filter is served by an index (0001: action, actor_id; 0014: at, actor_label, target; 0018: action
 * with at) paired with id, so SQLite reads the matching rows already in id order (or, for IN lists, merges
 * a few ordered runs) and stops after the page. The page's ids are found first, in the indexes alone, and
 * only its rows are read: a filter whose matches must be sorted (actions and a date range) sorts ids, not
 * rows. An actor is two reads, each stopping after a page: the members' ids and the label (as an OR, the
 * two indexes' every match was read and sorted: all 236,000 of the owner's events for "owner" and a date).
 * PostgreSQL reads the same indexes its own way (audit-postgres.ts).
 */
export async function listAuditEvents(db: Executor, q: AuditQuery): Promise<AuditEvent[]> {
  if (q.actors && q.actors.ids.length === 0 && q.actors.label === null) return [];
  const rows = engineOf(db) === 'postgres' ? await postgresPageRows(db, q) : await rowsByIds(db, sqlitePageIds(db, q), q.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    targetLabel: r.target_label,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

/** The page's rows, newest first, once its ids are found. */
const rowsByIds = (db: Executor, ids: PageIds, limit: number) =>
  db.selectFrom('audit_events').selectAll().where('id', 'in', ids).orderBy('id', 'desc').limit(limit);

function sqlitePageIds(db: Executor, q: AuditQuery): PageIds {
  const filtered = whereFiltered(whereActions(db.selectFrom('audit_events').select('id'), actionsOf(q)), q).orderBy('id', 'desc').limit(q.limit);
  if (!q.actors) return filtered;
  const arms = [
    ...(q.actors.ids.length ? [filtered.where('actor_id', 'in', q.actors.ids)] : []),
    ...(q.actors.label !== null ? [filtered.where('actor_label', '=', q.actors.label)] : []),
  ].map((arm) => db.selectFrom(arm.as('arm')).select('arm.id'));
  return arms.length === 1 ? arms[0]! : arms[0]!.unionAll(arms[1]!);
}

/** Every matching event, newest first, read a batch at a time by keyset: the memory held is one batch. */
export async function* eachAuditEvent(db: Executor, q: Omit<AuditQuery, 'limit' | 'beforeId'>, batch = 1000): AsyncGenerator<AuditEvent> {
  let beforeId: number | undefined;
  for (;;) {
    const rows = await listAuditEvents(db, { ...q, beforeId, limit: batch });
    yield* rows;
    if (rows.length < batch) return;
    beforeId = rows[rows.length - 1]!.id;
  }
}
