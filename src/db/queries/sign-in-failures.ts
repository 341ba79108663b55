// The audit event of failed sign-ins: one per account and client address per window, with its count.
import type { Executor } from '../connect.js';

export const SIGN_IN_FAILED = 'session.sign_in_failed';

export interface SignInFailureEvent {
  at: number;
  /** The address as typed (normalised), whether or not an account has it: the log is for admins only. */
  email: string;
  address: string;
  failures: number;
}

const details = (e: SignInFailureEvent) => JSON.stringify({ failures: e.failures, address: e.address });

export async function insertSignInFailureEvent(db: Executor, e: SignInFailureEvent): Promise<number> {
  const row = await db
    .insertInto('audit_events')
    .values({ at: e.at, actor_id: null, actor_label: e.email, action: SIGN_IN_FAILED, target_type: null, target_id: null, target_label: null, details: details(e) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The window's event now says `failures` attempts (its time stays that of the first). */
export async function updateSignInFailureEvent(db: Executor, id: number, e: SignInFailureEvent): Promise<void> {
  await db.updateTable('audit_events').set({ details: details(e) }).where('id', '=', id).where('action', '=', SIGN_IN_FAILED).execute();
}

export async function deleteAuditEvent(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('audit_events').where('id', '=', id).where('action', '=', SIGN_IN_FAILED).execute();
}
