// The one builder of audit events: every use case records what it did through recordAudit, in its own
// transaction, with an action from the domain's typed list.
import type { Executor } from '../db/connect.js';
import { insertAuditEvents, type AuditEventInput } from '../db/queries/audit.js';
import type { AuditAction, AuditTargetType } from '../domain/audit.js';
import { actorLabel, actorUserId, type Actor, type Operator } from './actor.js';

/** Who the log names: a user (by id and email), an API key (no user id; its name and public id) or an operator (no id). */
export interface AuditBy {
  id: number | null;
  label: string;
}

export interface AuditTarget {
  type: AuditTargetType;
  id?: number | string;
  label: string;
}

export const byActor = (actor: Actor): AuditBy => ({ id: actorUserId(actor), label: actorLabel(actor) });
/** A user acting on their own account (signing in, accepting, resetting a password). */
export const byUser = (user: { id: number; email: string }): AuditBy => ({ id: user.id, label: user.email });
export const byOperator = (operator: Operator): AuditBy => ({ id: null, label: operator.label });

export const userTarget = (user: { id: number; email: string }): AuditTarget => ({ type: 'user', id: user.id, label: user.email });
export const invitationTarget = (i: { id: number; email: string }): AuditTarget => ({ type: 'invitation', id: i.id, label: i.email });
export const groupTarget = (g: { id: number; name: string }): AuditTarget => ({ type: 'group', id: g.id, label: g.name });

export function auditEvent(
  at: number,
  by: AuditBy,
  action: AuditAction,
  target?: AuditTarget,
  details?: Record<string, unknown>,
): AuditEventInput {
  return {
    at,
    actorId: by.id,
    actorLabel: by.label,
    action,
    ...(target ? { targetType: target.type, targetId: target.id, targetLabel: target.label } : {}),
    ...(details ? { details } : {}),
  };
}

export async function recordAudit(
  trx: Executor,
  at: number,
  by: AuditBy,
  action: AuditAction,
  target?: AuditTarget,
  details?: Record<string, unknown>,
): Promise<void> {
  await insertAuditEvents(trx, [auditEvent(at, by, action, target, details)]);
}
