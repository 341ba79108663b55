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
  /** Any of these actions (the Audit log's multiple choice). */
  actions?: string[];
  actorId?: number;
  /** Who acted, resolved by the caller: these members, or an actor label exactly (operators, API keys). */
  actors?: { ids: number[]; label: string | null };
  /** What was acted on: one target by type and id, or by its label exactly. */
  target?: { type: string; id: string } | { label: string };
  /** Epoch ms, inclusive lower bound and exclusive upper bound of `at`. */
  fromAt?: number;
  toAt?: number;
  /** Keyset paging: events older than this id. */
  beforeId?: number;
  limit: number;
}

/**
 * Every filter is served by an index (0001: action, actor_id; 0080: at, actor_label, target) paired with
 * id, so SQLite reads the matching rows already in id order (or, for IN lists and ORs, merges a few
 * ordered runs) and stops after the page.
 */
export async function listAuditEvents(db: Executor, q: AuditQuery): Promise<AuditEvent[]> {
  const actions = [...(q.action ? [q.action] : []), ...(q.actions ?? [])];
  let query = db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (actions.length === 1) query = query.where('action', '=', actions[0]!);
  else if (actions.length > 1) query = query.where('action', 'in', actions);
  if (q.actorId !== undefined) query = query.where('actor_id', '=', q.actorId);
  if (q.actors) {
    const { ids, label } = q.actors;
    query = query.where((eb) =>
      eb.or([
        ...(ids.length ? [eb('actor_id', 'in', ids)] : []),
        ...(label !== null ? [eb('actor_label', '=', label)] : []),
      ]),
    );
  }
  if (q.target) {
    const t = q.target;
    query = 'label' in t ? query.where('target_label', '=', t.label) : query.where('target_type', '=', t.type).where('target_id', '=', t.id);
  }
  if (q.fromAt !== undefined) query = query.where('at', '>=', q.fromAt);
  if (q.toAt !== undefined) query = query.where('at', '<', q.toAt);
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
