// A Launchpad group as a SCIM Group, and a Group body (POST, PUT) as what Launchpad keeps. Members are
// users only (no nested groups), referred to by their SCIM id. Pure.
import { attr, isObject, stringList, type Json } from './attributes.js';
import { problem, type ScimResult } from './errors.js';
import { buildMeta, resourceLocation, type ScimContext, type ScimMeta } from './meta.js';
import { GROUP_SCHEMA } from './urns.js';

export interface ScimGroupRecord {
  id: number;
  name: string;
  externalId: string | null;
  createdAt: number;
  lastModifiedAt: number;
  /** Left out when the client excluded members (Entra's `excludedAttributes=members`): nothing is loaded. */
  members?: Array<{ id: number; displayName: string }>;
}

export interface ScimMember {
  value: string;
  display?: string;
  $ref?: string;
  type?: 'User';
}

export interface ScimGroup {
  schemas: string[];
  id: string;
  externalId?: string;
  displayName: string;
  members?: ScimMember[];
  meta: ScimMeta;
}

export interface ScimGroupInput {
  displayName: string;
  externalId: string | null;
  /** User ids, each once; a body without members asks for none. */
  memberIds: number[];
}

export function toScimGroup(r: ScimGroupRecord, ctx: ScimContext): ScimGroup {
  const id = String(r.id);
  const content = {
    schemas: [GROUP_SCHEMA],
    id,
    ...(r.externalId !== null ? { externalId: r.externalId } : {}),
    displayName: r.name,
    ...(r.members
      ? {
          members: r.members.map((m) => ({
            value: String(m.id),
            display: m.displayName,
            $ref: resourceLocation(ctx, 'User', String(m.id)),
            type: 'User' as const,
          })),
        }
      : {}),
  };
  return { ...content, meta: buildMeta(ctx, 'Group', id, r, content) };
}

const MAX_NAME = 200;

/** Reads a Group body. A body without `members` means no members (PUT replaces the whole resource). */
export function readScimGroup(body: unknown): ScimResult<ScimGroupInput> {
  if (!isObject(body)) return problem('invalid_syntax', 'The body is not a JSON object.');
  if (!stringList(attr(body, 'schemas')).some((s) => s.toLowerCase() === GROUP_SCHEMA.toLowerCase())) {
    return problem('invalid_syntax', `schemas must include ${GROUP_SCHEMA}.`);
  }
  const name = attr(body, 'displayName');
  // The name is kept exactly as sent (IdPs send spaces, capitals and punctuation); the use case applies
  // Launchpad's own name rule.
  if (typeof name !== 'string' || name.trim() === '') return problem('invalid_value', 'displayName is required.');
  if (name.length > MAX_NAME) return problem('invalid_value', `displayName is longer than ${MAX_NAME} characters.`);
  const externalId = attr(body, 'externalId');
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') {
    return problem('invalid_value', 'externalId must be a string.');
  }
  const members = readMemberIds(attr(body, 'members') ?? []);
  if (!members.ok) return members;
  return { ok: true, value: { displayName: name, externalId: externalId ? externalId : null, memberIds: members.value } };
}

/** `[{value: "12"}, ...]` → [12, ...], each once. Launchpad's user ids are positive integers. */
export function readMemberIds(v: Json): ScimResult<number[]> {
  const list = Array.isArray(v) ? v : [v];
  const ids = new Set<number>();
  for (const m of list) {
    if (!isObject(m)) return problem('invalid_value', 'Each member is an object with a value.');
    const type = attr(m, 'type');
    if (typeof type === 'string' && type.toLowerCase() !== 'user') {
      return problem('invalid_value', 'Members are users; a group cannot contain groups.');
    }
    const id = memberId(attr(m, 'value'));
    if (id === null) return problem('invalid_value', `"${String(attr(m, 'value'))}" is not a user id of this space.`);
    ids.add(id);
  }
  return { ok: true, value: [...ids] };
}

export function memberId(v: Json | undefined): number | null {
  const text = typeof v === 'number' ? String(v) : v;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,15}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
