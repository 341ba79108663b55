// A PatchOp request (RFC 7644 §3.5.2), checked and put in one spelling before it is applied:
//  - `op` in any case (Entra sends "Add", "Replace", "Remove");
//  - attribute names in paths and in path-less value objects in any case, and core attributes with their
//    schema's URN in front, all rewritten to the spelling our resources use, so a patch never adds a
//    second "Active" beside "active";
//  - `remove` needs a path (noTarget), `add` a value, a path-less `add`/`replace` an object (invalidValue).
// Values are left as sent ("False" stays a string): the User reader takes both spellings. Pure.
import { attr, isObject, stringList, type Json, type JsonObject } from './attributes.js';
import { problem, type ScimResult } from './errors.js';
import { GROUP_SCHEMA, LAUNCHPAD_USER_SCHEMA, PATCH_OP, USER_SCHEMA, type ResourceType } from './urns.js';

export type PatchOperation =
  | { op: 'add' | 'replace'; path?: string; value: Json }
  | { op: 'remove'; path: string; value?: Json };

/** More operations than this in one request are refused: no IdP sends that many at once. */
export const MAX_OPERATIONS = 1000;

const NAMES: Record<ResourceType, readonly string[]> = {
  User: ['schemas', 'id', 'externalId', 'userName', 'displayName', 'name', 'emails', 'active', 'groups', 'meta', LAUNCHPAD_USER_SCHEMA],
  Group: ['schemas', 'id', 'externalId', 'displayName', 'members', 'meta'],
};
const CORE: Record<ResourceType, string> = { User: USER_SCHEMA, Group: GROUP_SCHEMA };

export function readPatchRequest(body: unknown, type: ResourceType): ScimResult<PatchOperation[]> {
  if (!isObject(body)) return problem('invalid_syntax', 'The body is not a JSON object.');
  if (!stringList(attr(body, 'schemas')).some((s) => s.toLowerCase() === PATCH_OP.toLowerCase())) {
    return problem('invalid_syntax', `schemas must include ${PATCH_OP}.`);
  }
  const list = attr(body, 'Operations');
  if (!Array.isArray(list) || list.length === 0) return problem('invalid_syntax', 'Operations must be a non-empty list.');
  if (list.length > MAX_OPERATIONS) return problem('too_many', `At most ${MAX_OPERATIONS} operations per request.`);
  const out: PatchOperation[] = [];
  for (const [i, raw] of list.entries()) {
    const n = i + 1;
    if (!isObject(raw)) return problem('invalid_syntax', `Operation ${n} is not an object.`);
    const op = attr(raw, 'op');
    const kind = typeof op === 'string' ? op.toLowerCase() : '';
    if (kind !== 'add' && kind !== 'replace' && kind !== 'remove') {
      return problem('invalid_syntax', `Operation ${n}: op must be add, replace or remove.`);
    }
    const rawPath = attr(raw, 'path');
    if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') return problem('invalid_path', `Operation ${n}: path must be a string.`);
    const path = typeof rawPath === 'string' && rawPath.trim() !== '' ? canonicalPath(rawPath.trim(), type) : undefined;
    const value = attr(raw, 'value');
    if (kind === 'remove') {
      if (path === undefined) return problem('no_target', `Operation ${n}: remove needs a path.`);
      out.push(value === undefined || value === null ? { op: 'remove', path } : { op: 'remove', path, value });
      continue;
    }
    if (value === undefined) return problem('invalid_value', `Operation ${n}: ${kind} needs a value.`);
    if (path === undefined) {
      if (!isObject(value)) return problem('invalid_value', `Operation ${n}: without a path, the value must be an object of attributes.`);
      out.push({ op: kind, value: canonicalKeys(value, type) });
    } else out.push({ op: kind, path, value });
  }
  return { ok: true, value: out };
}

/** The attribute a path starts with, spelled as our resources spell it; the rest kept as sent. */
export function canonicalPath(path: string, type: ResourceType): string {
  const corePrefix = `${CORE[type].toLowerCase()}:`;
  const bare = path.toLowerCase().startsWith(corePrefix) ? path.slice(corePrefix.length) : path;
  for (const name of NAMES[type]) {
    if (!name.startsWith('urn:')) continue;
    if (bare.toLowerCase() === name.toLowerCase()) return name;
    if (bare.toLowerCase().startsWith(`${name.toLowerCase()}:`)) return `${name}:${canonicalExtensionAttribute(bare.slice(name.length + 1))}`;
  }
  const m = /^([A-Za-z$][\w$-]*)(.*)$/s.exec(bare);
  if (!m) return bare;
  const head = NAMES[type].find((n) => n.toLowerCase() === m[1]!.toLowerCase()) ?? m[1]!;
  return head + canonicalTail(head, m[2]!);
}

/** `members[Value eq "1"]` and `emails[type eq "work"].Value`: our spelling of the sub-attributes we know. */
function canonicalTail(head: string, tail: string): string {
  const subs: Record<string, string[]> = { emails: ['value', 'type', 'primary'], members: ['value', 'display', '$ref', 'type'], name: ['formatted', 'givenName', 'familyName'] };
  const known = subs[head];
  if (!known) return tail;
  // Only outside quoted strings: a compared value is kept exactly as sent.
  return tail
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(^|[.[\s(])([A-Za-z$][\w$]*)(?=\s|\]|$|\.)/g, (all, before: string, word: string) => {
            const hit = known.find((k) => k.toLowerCase() === word.toLowerCase());
            return hit ? before + hit : all;
          }),
    )
    .join('');
}

function canonicalExtensionAttribute(name: string): string {
  return name.toLowerCase() === 'profile' ? 'profile' : name;
}

/** Keys of a path-less value: each one a path (`name.givenName`, a URN-prefixed one) or an attribute. */
function canonicalKeys(value: JsonObject, type: ResourceType): JsonObject {
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    const k = canonicalPath(key, type);
    out[k] = k === LAUNCHPAD_USER_SCHEMA && isObject(v) ? extensionKeys(v) : v;
  }
  return out;
}

function extensionKeys(v: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [canonicalExtensionAttribute(k), x]));
}
