// API key rules: the scopes a key may hold, the key's written form and the limits on its name. Pure.
import type { Permission } from './permissions.js';

export const API_SCOPES = [
  'users:read',
  'users:write',
  'invitations:write',
  'groups:read',
  'groups:write',
  'code-envs:read',
  'code-envs:write',
  'extensions:write',
  'audit:read',
  'scim',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  'users:read': 'Read users, invitations and seats',
  'users:write': 'Edit and delete users',
  'invitations:write': 'Invite, resend and revoke invitations',
  'groups:read': 'Read groups and their members',
  'groups:write': 'Create, edit and delete groups; change members',
  'code-envs:read': 'Read code envs',
  'code-envs:write': 'Create, edit and delete code envs',
  'extensions:write': 'List, activate and deactivate extensions',
  'audit:read': 'Read the audit log',
  scim: 'Provision users and groups over SCIM',
};

/**
 * The permission a use case asks for (`can(actor, …)`) that each scope answers yes to. A key acting under
 * a scope holds exactly these, nothing they would imply for a person: a users:write key is Space Admin for
 * the user use cases, yet Manage code envs stays a no, and a code-envs key is never Space Admin.
 */
export const SCOPE_GRANTS: Record<ApiScope, readonly Permission[]> = {
  'users:read': ['space_admin'],
  'users:write': ['space_admin'],
  'invitations:write': ['space_admin'],
  'groups:read': ['space_admin'],
  'groups:write': ['space_admin'],
  'code-envs:read': ['manage_code_envs'],
  'code-envs:write': ['manage_code_envs'],
  'extensions:write': ['space_admin'],
  'audit:read': ['space_admin'],
  scim: ['space_admin'],
};

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === 'string' && (API_SCOPES as readonly string[]).includes(value);
}

export const API_KEY_NAME_MAX = 80;

export type ApiKeyProblem = 'name_required' | 'name_too_long' | 'scopes_required' | 'unknown_scope' | 'expiry_invalid';

/** The scopes as given (a list, or "a,b c"): each known, each once, in the table's order; or what is wrong. */
export function parseScopes(input: string | readonly string[]): { ok: true; scopes: ApiScope[] } | { ok: false; code: 'scopes_required' | 'unknown_scope'; unknown?: string } {
  const items = (typeof input === 'string' ? input.split(/[\s,]+/) : input).map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) return { ok: false, code: 'scopes_required' };
  const bad = items.find((s) => !isApiScope(s));
  if (bad !== undefined) return { ok: false, code: 'unknown_scope', unknown: bad };
  return { ok: true, scopes: API_SCOPES.filter((s) => items.includes(s)) };
}

export function checkKeyName(name: string): 'name_required' | 'name_too_long' | null {
  const n = name.trim();
  if (n === '') return 'name_required';
  if ([...n].length > API_KEY_NAME_MAX) return 'name_too_long';
  return null;
}

/**
 * The written key: `lp_<public id>_<secret>`. The public id (12 symbols) finds the row; the secret
 * (40 symbols of 5 bits = 200 bits from the CSPRNG) proves possession and is stored only as a hash.
 */
export const KEY_PREFIX = 'lp';
export const PUBLIC_ID_LENGTH = 12;
export const SECRET_LENGTH = 40;
const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}_([a-z0-9]{${PUBLIC_ID_LENGTH}})_([a-z0-9]{${SECRET_LENGTH}})$`);

export function formatApiKey(publicId: string, secret: string): string {
  return `${KEY_PREFIX}_${publicId}_${secret}`;
}

/** The two parts of a written key, or null for anything that is not one. */
export function parseApiKey(text: string): { publicId: string; secret: string } | null {
  const m = KEY_PATTERN.exec(text);
  return m ? { publicId: m[1]!, secret: m[2]! } : null;
}

/** Whether a key is usable at `now`: not revoked, not past its expiry. */
export function keyIsLive(key: { revokedAt: number | null; expiresAt: number | null }, now: number): boolean {
  return key.revokedAt === null && (key.expiresAt === null || now < key.expiresAt);
}
