// API keys: create (the key is shown once), list, revoke, and the check every /api request goes through.
// Each write is one transaction with its audit event. Only SHA-256 of a key's secret is stored.
import { equalHashes, randomId, sha256 } from '../auth/tokens.js';
import { insertAuditEvent } from '../db/queries/audit.js';
import {
  countApiRequest,
  deleteOldApiCounters,
  findApiKey,
  insertApiKey,
  listApiKeyRecords,
  markApiKeyRevoked,
  touchApiKey,
  type ApiKeyRecord,
} from '../db/queries/api-keys.js';
import {
  checkKeyName,
  formatApiKey,
  isApiScope,
  keyIsLive,
  parseApiKey,
  parseScopes,
  PUBLIC_ID_LENGTH,
  SECRET_LENGTH,
  type ApiKeyProblem,
  type ApiScope,
} from '../domain/api-scopes.js';
import { parseDuration } from '../domain/duration.js';
import { can } from '../domain/permissions.js';
import type { ServiceDeps } from './deps.js';
import type { CurrentUser } from './principal.js';

/** Who manages keys: a Space Admin in the panel, or whoever runs the command line on the server. */
export type KeyManager = { kind: 'user'; user: CurrentUser } | { kind: 'command_line' };

export interface ApiKeyInput {
  name: string;
  /** A list, or "a,b" as typed. */
  scopes: string | readonly string[];
  /** A duration such as 90d; empty for a key that does not expire. */
  expiresIn: string;
}

export type ApiKeyField = 'name' | 'scopes' | 'expiresIn';

export type CreateApiKeyResult =
  | { ok: true; key: string; id: string; expiresAt: number | null }
  | { ok: false; code: 'forbidden' }
  | { ok: false; code: 'invalid'; problems: Array<{ field: ApiKeyField; code: ApiKeyProblem; detail?: string }> };

/** What the panel, the CLI and the API show of a key: never its secret or hash. */
export interface ApiKeySummary {
  id: string;
  name: string;
  scopes: string[];
  createdAt: number;
  createdByLabel: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
  lastUsedAddress: string | null;
  revokedAt: number | null;
  status: 'active' | 'expired' | 'revoked';
}

const actorOfManager = (by: KeyManager) =>
  by.kind === 'user' ? { id: by.user.id, label: by.user.email } : { id: null, label: 'command line' };

const allowed = (by: KeyManager) => by.kind === 'command_line' || can(by.user, 'space_admin');

const hashHex = (secret: string) => Buffer.from(sha256(secret)).toString('hex');

function checkInput(input: ApiKeyInput) {
  const problems: Array<{ field: ApiKeyField; code: ApiKeyProblem; detail?: string }> = [];
  const nameProblem = checkKeyName(input.name);
  if (nameProblem) problems.push({ field: 'name', code: nameProblem });
  const scopes = parseScopes(input.scopes);
  if (!scopes.ok) problems.push({ field: 'scopes', code: scopes.code, detail: scopes.unknown });
  const expiresIn = input.expiresIn.trim();
  const ttl = expiresIn === '' ? null : parseDuration(expiresIn);
  if (expiresIn !== '' && ttl === null) problems.push({ field: 'expiresIn', code: 'expiry_invalid' });
  return { problems, scopes: scopes.ok ? scopes.scopes : [], ttl };
}

export async function createApiKey(deps: ServiceDeps, by: KeyManager, input: ApiKeyInput): Promise<CreateApiKeyResult> {
  if (!allowed(by)) return { ok: false, code: 'forbidden' };
  const { problems, scopes, ttl } = checkInput(input);
  if (problems.length > 0) return { ok: false, code: 'invalid', problems };
  const id = randomId(PUBLIC_ID_LENGTH);
  const secret = randomId(SECRET_LENGTH); // 200 bits from the CSPRNG; only its hash is kept
  const actor = actorOfManager(by);
  const now = deps.now();
  const expiresAt = ttl === null ? null : now + ttl;
  const name = input.name.trim();
  await deps.db.transaction().execute(async (trx) => {
    await insertApiKey(trx, { id, name, scopes, secretHash: hashHex(secret), createdAt: now, createdBy: actor.id, createdByLabel: actor.label, expiresAt });
    await insertAuditEvent(trx, {
      at: now,
      actorId: actor.id,
      actorLabel: actor.label,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: id,
      targetLabel: name,
      details: { scopes, expiresAt },
    });
  });
  return { ok: true, key: formatApiKey(id, secret), id, expiresAt };
}

function summarize(k: ApiKeyRecord, now: number): ApiKeySummary {
  const { secretHash: _hash, createdBy: _by, ...rest } = k;
  const status = k.revokedAt !== null ? 'revoked' : keyIsLive(k, now) ? 'active' : 'expired';
  return { ...rest, status };
}

export async function listApiKeys(deps: ServiceDeps, by: KeyManager): Promise<{ ok: true; keys: ApiKeySummary[] } | { ok: false; code: 'forbidden' }> {
  if (!allowed(by)) return { ok: false, code: 'forbidden' };
  const now = deps.now();
  return { ok: true, keys: (await listApiKeyRecords(deps.db)).map((k) => summarize(k, now)) };
}

export async function findApiKeySummary(deps: ServiceDeps, by: KeyManager, id: string): Promise<ApiKeySummary | null> {
  if (!allowed(by)) return null;
  const k = await findApiKey(deps.db, id);
  return k ? summarize(k, deps.now()) : null;
}

export type RevokeApiKeyResult = { ok: true; name: string } | { ok: false; code: 'forbidden' | 'not_found' | 'already_revoked' };

export async function revokeApiKey(deps: ServiceDeps, by: KeyManager, id: string): Promise<RevokeApiKeyResult> {
  if (!allowed(by)) return { ok: false, code: 'forbidden' };
  const actor = actorOfManager(by);
  return deps.db.transaction().execute(async (trx): Promise<RevokeApiKeyResult> => {
    const key = await findApiKey(trx, id);
    if (!key) return { ok: false, code: 'not_found' };
    const now = deps.now();
    if (!(await markApiKeyRevoked(trx, id, now))) return { ok: false, code: 'already_revoked' };
    await insertAuditEvent(trx, {
      at: now,
      actorId: actor.id,
      actorLabel: actor.label,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: id,
      targetLabel: key.name,
    });
    return { ok: true, name: key.name };
  });
}

/** The key a request authenticated with, as the API layer sees it. */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  scopes: ReadonlySet<ApiScope>;
}

/** The last use is written at most this often from one address: a script's burst is not a write per request. */
export const LAST_USE_EVERY_MS = 60_000;

/** Whether this use changes what the list shows: a new address, or a minute since the use recorded. */
export function shouldRecordUse(key: { lastUsedAt: number | null; lastUsedAddress: string | null }, now: number, address: string): boolean {
  return key.lastUsedAt === null || key.lastUsedAddress !== address || now - key.lastUsedAt >= LAST_USE_EVERY_MS;
}

/**
 * The key behind an `Authorization: Bearer` value, or null when it is missing, malformed, unknown, wrong,
 * revoked or expired: the caller answers all of these the same way. Read on every request, so a
 * revocation applies to the next one. Records when and from where the key was last used (to the minute).
 */
export async function authenticateApiKey(deps: ServiceDeps, bearer: string | null, address: string): Promise<ApiKeyPrincipal | null> {
  const parts = bearer === null ? null : parseApiKey(bearer);
  if (!parts) return null;
  const key = await findApiKey(deps.db, parts.publicId);
  if (!key) return null;
  if (!equalHashes(sha256(parts.secret), new Uint8Array(Buffer.from(key.secretHash, 'hex')))) return null; // constant time
  const now = deps.now();
  if (!keyIsLive(key, now)) return null;
  if (shouldRecordUse(key, now, address)) await touchApiKey(deps.db, key.id, now, address);
  return { id: key.id, name: key.name, scopes: new Set(key.scopes.filter(isApiScope)) };
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * Counts a request of a key against `limit` per fixed one-minute window. The counter lives in the
 * database, so several processes on one database share it.
 */
export async function countKeyRequest(deps: ServiceDeps, keyId: string, limit: number): Promise<RateDecision> {
  const now = deps.now();
  const windowStart = now - (now % 60_000);
  const hits = await countApiRequest(deps.db, keyId, windowStart);
  if (hits === 1) await deleteOldApiCounters(deps.db, keyId, windowStart);
  if (hits > limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000)) };
  return { ok: true, remaining: limit - hits };
}
