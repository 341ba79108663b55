import type { Executor } from '../connect.js';

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

export interface AuditQuery {
  action?: string;
  actorId?: number;
  /** Keyset paging: events older than this id. */
  beforeId?: number;
  limit: number;
}

export async function listAuditEvents(db: Executor, q: AuditQuery): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actorId !== undefined) query = query.where('actor_id', '=', q.actorId);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  const rows = await query.execute();
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
