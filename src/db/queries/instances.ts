// Registered instances (OpenID relying parties). Times are epoch ms, read through Number() so a driver that
// returns bigint columns as strings (PostgreSQL's) gives the same values.
import type { Executor } from '../connect.js';

export interface InstanceRecord {
  id: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUri: string | null;
  secretHash: string;
  designersOnly: boolean;
  createdAt: number;
  createdByLabel: string;
  secretRotatedAt: number | null;
  disabledAt: number | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

type Row = {
  id: string;
  name: string;
  redirect_uris: string;
  post_logout_redirect_uri: string | null;
  secret_hash: string;
  designers_only: number;
  created_at: number;
  created_by_label: string;
  secret_rotated_at: number | null;
  disabled_at: number | null;
};

function toRecord(r: Row): InstanceRecord {
  return {
    id: r.id,
    name: r.name,
    redirectUris: r.redirect_uris.split(' ').filter(Boolean),
    postLogoutRedirectUri: r.post_logout_redirect_uri,
    secretHash: r.secret_hash,
    designersOnly: Number(r.designers_only) === 1,
    createdAt: Number(r.created_at),
    createdByLabel: r.created_by_label,
    secretRotatedAt: num(r.secret_rotated_at),
    disabledAt: num(r.disabled_at),
  };
}

export async function insertInstance(
  db: Executor,
  i: Pick<InstanceRecord, 'id' | 'name' | 'redirectUris' | 'postLogoutRedirectUri' | 'secretHash' | 'designersOnly' | 'createdAt' | 'createdByLabel'>,
): Promise<void> {
  await db
    .insertInto('instances')
    .values({
      id: i.id,
      name: i.name,
      redirect_uris: i.redirectUris.join(' '),
      post_logout_redirect_uri: i.postLogoutRedirectUri,
      secret_hash: i.secretHash,
      designers_only: i.designersOnly ? 1 : 0,
      created_at: i.createdAt,
      created_by_label: i.createdByLabel,
    })
    .execute();
}

export async function findInstance(db: Executor, id: string): Promise<InstanceRecord | null> {
  const row = await db.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Every instance, oldest first. */
export async function listInstanceRecords(db: Executor): Promise<InstanceRecord[]> {
  const rows = await db.selectFrom('instances').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toRecord);
}

export async function setInstanceSecret(db: Executor, id: string, secretHash: string, at: number): Promise<void> {
  await db.updateTable('instances').set({ secret_hash: secretHash, secret_rotated_at: at }).where('id', '=', id).execute();
}

export async function setInstanceDisabled(db: Executor, id: string, at: number | null): Promise<void> {
  await db.updateTable('instances').set({ disabled_at: at }).where('id', '=', id).execute();
}

export async function deleteInstanceRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('instances').where('id', '=', id).execute();
}

/** Whether a member may still be signed in to instances: they exist and are not deactivated. */
export async function memberIsActive(db: Executor, userId: number): Promise<boolean> {
  const row = await db.selectFrom('users').select('deactivated_at').where('id', '=', userId).executeTakeFirst();
  return row !== undefined && row.deactivated_at === null;
}
