// A member as a SCIM User, and a SCIM User (POST, PUT, or the result of a PATCH) as what Launchpad keeps.
// A member has one address: it is `userName`, and `emails` echoes it as the one primary work address.
// The profile travels in Launchpad's extension. Pure.
import { isValidEmail } from '../email.js';
import { isProfile, type Profile } from '../profiles.js';
import { attr, isObject, stringList, type Json, type JsonObject } from './attributes.js';
import { problem, type ScimResult } from './errors.js';
import { looseBoolean } from './filter.js';
import { buildMeta, type ScimContext, type ScimMeta } from './meta.js';
import { LAUNCHPAD_USER_SCHEMA, USER_SCHEMA } from './urns.js';

/** What the use case reads from a users row (camelCase; the db layer converts). */
export interface ScimUserRecord {
  id: number;
  email: string;
  displayName: string;
  profile: Profile;
  externalId: string | null;
  /** Null: active. */
  deactivatedAt: number | null;
  createdAt: number;
  /** The last change the use case knows of; `createdAt` when it knows none. */
  lastModifiedAt: number;
}

export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  displayName: string;
  emails: Array<{ value: string; type: 'work'; primary: true }>;
  active: boolean;
  [LAUNCHPAD_USER_SCHEMA]: { profile: Profile };
  meta: ScimMeta;
}

/** What a User body asks for. `profile: null` means "not said": a new user gets the configured default. */
export interface ScimUserInput {
  email: string;
  displayName: string;
  externalId: string | null;
  active: boolean;
  profile: Profile | null;
}

export function toScimUser(r: ScimUserRecord, ctx: ScimContext): ScimUser {
  const id = String(r.id);
  const content = {
    schemas: [USER_SCHEMA, LAUNCHPAD_USER_SCHEMA],
    id,
    ...(r.externalId !== null ? { externalId: r.externalId } : {}),
    userName: r.email,
    displayName: r.displayName,
    emails: [{ value: r.email, type: 'work' as const, primary: true as const }],
    active: r.deactivatedAt === null,
    [LAUNCHPAD_USER_SCHEMA]: { profile: r.profile },
  };
  return { ...content, meta: buildMeta(ctx, 'User', id, r, content) };
}

const MAX_NAME = 200;
const MAX_EXTERNAL_ID = 255;

/**
 * Reads a User body. Tolerates what real clients send: any case in attribute names, Entra's "True"/"False"
 * strings, Okta's `password` and `groups` (ignored: passwords are never taken from an IdP, and groups are
 * changed through Groups), read-only `id` and `meta` (ignored, RFC 7644 §3.5.1).
 */
export function readScimUser(body: unknown): ScimResult<ScimUserInput> {
  if (!isObject(body)) return problem('invalid_syntax', 'The body is not a JSON object.');
  if (!stringList(attr(body, 'schemas')).some((s) => s.toLowerCase() === USER_SCHEMA.toLowerCase())) {
    return problem('invalid_syntax', `schemas must include ${USER_SCHEMA}.`);
  }
  const userName = attr(body, 'userName');
  if (typeof userName !== 'string' || userName.trim() === '') return problem('invalid_value', 'userName is required.');
  const email = userName.trim();
  if (!isValidEmail(email)) {
    return problem('invalid_value', `userName must be the member's email address; "${userName}" is not one.`);
  }

  const displayName = chooseDisplayName(body, email);
  if (displayName.length > MAX_NAME) return problem('invalid_value', `displayName is longer than ${MAX_NAME} characters.`);

  const externalIdRaw = attr(body, 'externalId');
  if (externalIdRaw !== undefined && externalIdRaw !== null && typeof externalIdRaw !== 'string') {
    return problem('invalid_value', 'externalId must be a string.');
  }
  const externalId = externalIdRaw ? externalIdRaw : null;
  if (externalId !== null && externalId.length > MAX_EXTERNAL_ID) {
    return problem('invalid_value', `externalId is longer than ${MAX_EXTERNAL_ID} characters.`);
  }

  const activeRaw = attr(body, 'active');
  const active = activeRaw === undefined || activeRaw === null ? true : looseBoolean(activeRaw);
  if (active === null) return problem('invalid_value', 'active must be true or false.');

  const profile = readProfile(body);
  if (!profile.ok) return profile;
  return { ok: true, value: { email, displayName, externalId, active, profile: profile.value } };
}

/** displayName, else name.formatted, else given and family names, else the address. */
function chooseDisplayName(body: JsonObject, email: string): string {
  const text = (v: Json | undefined) => (typeof v === 'string' ? v.trim() : '');
  const direct = text(attr(body, 'displayName'));
  if (direct) return direct;
  const name = attr(body, 'name');
  if (isObject(name)) {
    const formatted = text(attr(name, 'formatted'));
    if (formatted) return formatted;
    const parts = [text(attr(name, 'givenName')), text(attr(name, 'familyName'))].filter(Boolean).join(' ');
    if (parts) return parts;
  }
  return email;
}

/** The extension as an object, or (path-less PATCH values) its attribute with the URN in front. */
function readProfile(body: JsonObject): ScimResult<Profile | null> {
  const ext = attr(body, LAUNCHPAD_USER_SCHEMA);
  const raw = isObject(ext) ? attr(ext, 'profile') : attr(body, `${LAUNCHPAD_USER_SCHEMA}:profile`);
  if (raw === undefined || raw === null) return { ok: true, value: null };
  const value = typeof raw === 'string' ? raw.toLowerCase() : raw;
  if (!isProfile(value)) return problem('invalid_value', 'profile must be designer, explorer or reader.');
  return { ok: true, value };
}
