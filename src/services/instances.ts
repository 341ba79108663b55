// Instances: the space's design nodes, automation nodes, deployers and tools that sign people in through the
// Launchpad (its OpenID Provider). Register (the secret is shown once), rotate the secret, disable, enable,
// delete. Each write is one transaction with its audit event. Only SHA-256 of a client secret is stored.
import { randomId, sha256 } from '../auth/tokens.js';
import type { Executor } from '../db/connect.js';
import {
  deleteInstanceRow,
  findInstance,
  insertInstance,
  listInstanceRecords,
  setInstanceDisabled,
  setInstanceSecret,
  type InstanceRecord,
} from '../db/queries/instances.js';
import { deleteArtifactsOfClient } from '../db/queries/oidc-artifacts.js';
import { can } from '../domain/permissions.js';
import { recordAudit, type AuditBy, type AuditTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { CurrentUser } from './principal.js';

/** Who manages instances: a Space Admin in the panel, or whoever runs the command line on the server. */
export type InstanceManager = { kind: 'user'; user: CurrentUser } | { kind: 'command_line' };

export const INSTANCE_NAME_MAX = 100;
export const MAX_REDIRECT_URIS = 10;
const CLIENT_ID_LENGTH = 20; // 100 bits: public, but not guessable either
const SECRET_LENGTH = 52; // 260 bits from the CSPRNG; only its hash is kept

export interface InstanceInput {
  name: string;
  redirectUris: readonly string[];
  postLogoutRedirectUri: string;
  designersOnly: boolean;
}

export type InstanceField = 'name' | 'redirectUris' | 'postLogoutRedirectUri';
export type InstanceProblem = 'name_required' | 'name_too_long' | 'redirect_uri_required' | 'redirect_uri_invalid' | 'too_many_redirect_uris';

/** What the panel and the command line show of an instance: never its secret or hash. */
export interface InstanceSummary {
  id: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUri: string | null;
  designersOnly: boolean;
  createdAt: number;
  createdByLabel: string;
  secretRotatedAt: number | null;
  status: 'active' | 'disabled';
}

export type AddInstanceResult =
  | { ok: true; clientId: string; clientSecret: string }
  | { ok: false; code: 'forbidden' }
  | { ok: false; code: 'invalid'; problems: Array<{ field: InstanceField; code: InstanceProblem; detail?: string }> };

export type InstanceChangeResult = { ok: true; name: string } | { ok: false; code: 'forbidden' | 'not_found' | 'unchanged' };

const allowed = (by: InstanceManager) => by.kind === 'command_line' || can(by.user, 'space_admin');
const auditBy = (by: InstanceManager): AuditBy => (by.kind === 'user' ? { id: by.user.id, label: by.user.email } : { id: null, label: 'command line' });
const target = (i: { id: string; name: string }): AuditTarget => ({ type: 'instance', id: i.id, label: i.name });

/** The form in which a client secret is stored and compared (hex SHA-256). */
export const hashClientSecret = (secret: string) => Buffer.from(sha256(secret)).toString('hex');

/** An exact redirect URI: absolute http(s), no fragment, no credentials (RFC 6749 §3.1.2). */
export function isRedirectUri(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const u = new URL(value);
  return (u.protocol === 'https:' || u.protocol === 'http:') && u.hash === '' && !value.includes('#') && u.username === '' && u.password === '';
}

function checkInput(input: InstanceInput) {
  const problems: Array<{ field: InstanceField; code: InstanceProblem; detail?: string }> = [];
  const name = input.name.trim();
  if (name === '') problems.push({ field: 'name', code: 'name_required' });
  else if (name.length > INSTANCE_NAME_MAX) problems.push({ field: 'name', code: 'name_too_long' });
  const uris = [...new Set(input.redirectUris.flatMap((u) => u.split(/\s+/)).filter(Boolean))];
  if (uris.length === 0) problems.push({ field: 'redirectUris', code: 'redirect_uri_required' });
  else if (uris.length > MAX_REDIRECT_URIS) problems.push({ field: 'redirectUris', code: 'too_many_redirect_uris' });
  const bad = uris.find((u) => !isRedirectUri(u));
  if (bad !== undefined) problems.push({ field: 'redirectUris', code: 'redirect_uri_invalid', detail: bad });
  const postLogout = input.postLogoutRedirectUri.trim();
  if (postLogout !== '' && !isRedirectUri(postLogout)) problems.push({ field: 'postLogoutRedirectUri', code: 'redirect_uri_invalid', detail: postLogout });
  return { problems, name, uris, postLogout: postLogout === '' ? null : postLogout };
}

export async function addInstance(deps: ServiceDeps, by: InstanceManager, input: InstanceInput): Promise<AddInstanceResult> {
  if (!allowed(by)) return { ok: false, code: 'forbidden' };
  const { problems, name, uris, postLogout } = checkInput(input);
  if (problems.length > 0) return { ok: false, code: 'invalid', problems };
  const clientId = `lpi_${randomId(CLIENT_ID_LENGTH)}`;
  const clientSecret = randomId(SECRET_LENGTH);
  const now = deps.now();
  const actor = auditBy(by);
  await deps.db.transaction().execute(async (trx) => {
    await insertInstance(trx, {
      id: clientId,
      name,
      redirectUris: uris,
      postLogoutRedirectUri: postLogout,
      secretHash: hashClientSecret(clientSecret),
      designersOnly: input.designersOnly,
      createdAt: now,
      createdByLabel: actor.label,
    });
    await recordAudit(trx, now, actor, 'instance.created', target({ id: clientId, name }), {
      redirectUris: uris,
      postLogoutRedirectUri: postLogout,
      designersOnly: input.designersOnly,
    });
  });
  return { ok: true, clientId, clientSecret };
}

function summarize(i: InstanceRecord): InstanceSummary {
  const { secretHash: _hash, disabledAt, ...rest } = i;
  return { ...rest, status: disabledAt === null ? 'active' : 'disabled' };
}

export async function listInstances(deps: ServiceDeps, by: InstanceManager): Promise<{ ok: true; instances: InstanceSummary[] } | { ok: false; code: 'forbidden' }> {
  if (!allowed(by)) return { ok: false, code: 'forbidden' };
  return { ok: true, instances: (await listInstanceRecords(deps.db)).map(summarize) };
}

export async function findInstanceSummary(deps: ServiceDeps, by: InstanceManager, id: string): Promise<InstanceSummary | null> {
  if (!allowed(by)) return null;
  const i = await findInstance(deps.db, id);
  return i ? summarize(i) : null;
}

/** A change to one instance, in one transaction with its audit event. */
async function changeInstance(
  deps: ServiceDeps,
  by: InstanceManager,
  id: string,
  apply: (trx: Executor, i: InstanceRecord, now: number) => Promise<{ action: Parameters<typeof recordAudit>[3]; details?: Record<string, unknown> } | 'unchanged'>,
): Promise<InstanceChangeResult> {
  if (!allowed(by)) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<InstanceChangeResult> => {
    const instance = await findInstance(trx, id);
    if (!instance) return { ok: false, code: 'not_found' };
    const now = deps.now();
    const done = await apply(trx, instance, now);
    if (done === 'unchanged') return { ok: false, code: 'unchanged' };
    await recordAudit(trx, now, auditBy(by), done.action, target(instance), done.details);
    return { ok: true, name: instance.name };
  });
}

/**
 * A new secret, shown once; the old one stops working at once. Tokens already issued stay valid (they are
 * not the secret); disable the instance to cut those too.
 */
export async function rotateInstanceSecret(
  deps: ServiceDeps,
  by: InstanceManager,
  id: string,
): Promise<{ ok: true; name: string; clientSecret: string } | { ok: false; code: 'forbidden' | 'not_found' | 'unchanged' }> {
  const clientSecret = randomId(SECRET_LENGTH);
  const result = await changeInstance(deps, by, id, async (trx, _i, now) => {
    await setInstanceSecret(trx, id, hashClientSecret(clientSecret), now);
    return { action: 'instance.secret_rotated' };
  });
  return result.ok ? { ...result, clientSecret } : result;
}

/** Disabled: the instance cannot sign anyone in, and every token it holds stops working now. */
export function disableInstance(deps: ServiceDeps, by: InstanceManager, id: string): Promise<InstanceChangeResult> {
  return changeInstance(deps, by, id, async (trx, i, now) => {
    if (i.disabledAt !== null) return 'unchanged';
    await setInstanceDisabled(trx, id, now);
    const revoked = await deleteArtifactsOfClient(trx, id);
    return { action: 'instance.disabled', details: { tokensRevoked: revoked } };
  });
}

export function enableInstance(deps: ServiceDeps, by: InstanceManager, id: string): Promise<InstanceChangeResult> {
  return changeInstance(deps, by, id, async (trx, i) => {
    if (i.disabledAt === null) return 'unchanged';
    await setInstanceDisabled(trx, id, null);
    return { action: 'instance.enabled' };
  });
}

export function deleteInstance(deps: ServiceDeps, by: InstanceManager, id: string): Promise<InstanceChangeResult> {
  return changeInstance(deps, by, id, async (trx) => {
    await deleteArtifactsOfClient(trx, id);
    await deleteInstanceRow(trx, id);
    return { action: 'instance.deleted' };
  });
}
