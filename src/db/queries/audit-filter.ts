// The Audit log's filters as a query of event ids, which each engine's form of the page then reads in its
// own way (src/db/queries/audit.ts for SQLite, audit-postgres.ts for PostgreSQL).
import type { SelectQueryBuilder } from 'kysely';
import type { Executor } from '../connect.js';
import type { Database } from '../schema.js';

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
  /** The request's time (epoch ms), where the caller has it: a plan may be chosen by it, never the answer. */
  now?: number;
}

type From<O> = SelectQueryBuilder<Database, 'audit_events', O>;
export type EventIds = From<{ id: number }>;

/** A page's ids, however they are read (from the table, an arm, a union of arms): only the id column matters. */
export type PageIds = SelectQueryBuilder<any, any, { id: number }>;

/** The chosen actions, from either field. */
export const actionsOf = (q: AuditQuery): string[] => [...(q.action ? [q.action] : []), ...(q.actions ?? [])];

/** One action, or any of several (none: every action). */
export function whereActions<O>(qb: From<O>, actions: string[]): From<O> {
  if (actions.length === 0) return qb;
  return actions.length === 1 ? qb.where('action', '=', actions[0]!) : qb.where('action', 'in', actions);
}

/** Every filter but the actions and the actor's members and label. */
export function whereFiltered<O>(qb: From<O>, q: AuditQuery): From<O> {
  const t = q.target;
  if (q.actorId !== undefined) qb = qb.where('actor_id', '=', q.actorId);
  if (t) qb = 'label' in t ? qb.where('target_label', '=', t.label) : qb.where('target_type', '=', t.type).where('target_id', '=', t.id);
  if (q.fromAt !== undefined) qb = qb.where('at', '>=', q.fromAt);
  if (q.toAt !== undefined) qb = qb.where('at', '<', q.toAt);
  if (q.beforeId !== undefined) qb = qb.where('id', '<', q.beforeId);
  return qb;
}

/** Ids of the events that pass every filter but the actions and the actor's members and label. */
export const filteredIds = (db: Executor, q: AuditQuery): EventIds => whereFiltered(db.selectFrom('audit_events').select('id'), q);

