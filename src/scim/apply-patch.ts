// PATCH (RFC 7644 §3.5.2): the desired state of a User, or of a Group's attributes plus its members change.
//
// Semantics: scim-patch, by the maintainer of scim2-parse-filter, on which it builds. It implements
// add/replace/remove with and without `path`, value filters (`emails[type eq "work"].value`), dotted and
// URN-prefixed keys in path-less values, and removal by value for multi-valued attributes (Entra's
// `remove members` with a value list). We put requests in one spelling first (readPatchRequest: Entra's
// capitalised `op`, any-case attribute names) and check the result (read-only attributes, then the same
// reader as PUT), so the library's gaps (it writes "DisplayName" beside "displayName"; it leaves "False" a
// string) never reach the database.
//
// Group members are not patched through the library: a group may have thousands, and the use case should
// not load them all to add one. Member operations become a change (added and removed ids, or "replace
// with exactly these") that the use case applies with set-based SQL.
import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { parse } from 'scim2-parse-filter';
import type { Json } from '../domain/scim/attributes.js';
import { problem, type ScimProblem, type ScimResult } from '../domain/scim/errors.js';
import type { FilterNode } from '../domain/scim/filter.js';
import { memberId, readMemberIds, type ScimGroup } from '../domain/scim/group.js';
import { readPatchRequest, type PatchOperation } from '../domain/scim/patch-request.js';
import type { ScimUser } from '../domain/scim/user.js';

/** Applies a PatchOp to a User. The result is the desired resource: read it with readScimUser. */
export function applyUserPatch(current: ScimUser, body: unknown): ScimResult<ScimUser> {
  const ops = readPatchRequest(body, 'User');
  if (!ops.ok) return ops;
  const next = patchWithLibrary(current, ops.value);
  if (!next.ok) return next;
  const changed = readOnlyChange(current, next.value, ['id', 'meta', 'groups', 'schemas']);
  if (changed) return problem('mutability', `${changed} cannot be changed.`);
  return next;
}

/** What a PATCH does to a group's members; applied by the use case in one transaction. */
export type MembersChange =
  | { kind: 'delta'; added: number[]; removed: number[] }
  | { kind: 'replace'; memberIds: number[] };

export interface GroupPatchResult {
  /** The group's attributes after the patch, without members. */
  group: Omit<ScimGroup, 'members'>;
  members: MembersChange;
}

/** Applies a PatchOp to a Group (given without members: they are not needed). */
export function applyGroupPatch(current: Omit<ScimGroup, 'members'>, body: unknown): ScimResult<GroupPatchResult> {
  const ops = readPatchRequest(body, 'Group');
  if (!ops.ok) return ops;
  const members = new MemberChanges();
  const others: PatchOperation[] = [];
  for (const [i, op] of ops.value.entries()) {
    const failure = splitGroupOperation(op, i + 1, members, others);
    if (failure) return { ok: false, problem: failure };
  }
  const { members: _dropped, ...base } = current as ScimGroup;
  const next = others.length ? patchWithLibrary(base, others) : { ok: true as const, value: base };
  if (!next.ok) return next;
  const changed = readOnlyChange(base, next.value, ['id', 'meta', 'schemas']);
  if (changed) return problem('mutability', `${changed} cannot be changed.`);
  return { ok: true, value: { group: next.value, members: members.result() } };
}

/** The members change against the members the group has now: what to insert and what to delete. */
export function membersDiff(currentIds: readonly number[], change: MembersChange): { added: number[]; removed: number[] } {
  const now = new Set(currentIds);
  if (change.kind === 'delta') {
    return { added: change.added.filter((id) => !now.has(id)), removed: change.removed.filter((id) => now.has(id)) };
  }
  const wanted = new Set(change.memberIds);
  return { added: change.memberIds.filter((id) => !now.has(id)), removed: currentIds.filter((id) => !wanted.has(id)) };
}

/** Member operations in order; "remove all" and "replace" switch to an exact list. */
class MemberChanges {
  #replace: Set<number> | null = null;
  #added = new Set<number>();
  #removed = new Set<number>();
  add(ids: number[]) {
    for (const id of ids) {
      if (this.#replace) this.#replace.add(id);
      else (this.#added.add(id), this.#removed.delete(id));
    }
  }
  remove(ids: number[]) {
    for (const id of ids) {
      if (this.#replace) this.#replace.delete(id);
      else (this.#removed.add(id), this.#added.delete(id));
    }
  }
  replace(ids: number[]) {
    this.#replace = new Set(ids);
  }
  result(): MembersChange {
    if (this.#replace) return { kind: 'replace', memberIds: [...this.#replace] };
    return { kind: 'delta', added: [...this.#added], removed: [...this.#removed] };
  }
}

function splitGroupOperation(op: PatchOperation, n: number, members: MemberChanges, others: PatchOperation[]): ScimProblem | null {
  if (op.path === undefined) {
    // A path-less value object: its `members` key is a member operation, the rest an attribute operation.
    const { members: list, ...rest } = op.value as Record<string, Json>;
    if (list !== undefined) {
      const ids = readMemberIds(list ?? []);
      if (!ids.ok) return at(n, ids.problem);
      if (op.op === 'add') members.add(ids.value);
      else members.replace(ids.value);
    }
    if (Object.keys(rest).length) others.push({ ...op, value: rest });
    return null;
  }
  const m = /^members(?:\[(.*)\])?(\..*)?$/s.exec(op.path);
  if (!m) {
    others.push(op);
    return null;
  }
  const [, filter, sub] = m;
  if (sub !== undefined) return { code: 'invalid_path', detail: `Operation ${n}: members can only be added or removed whole, not ${op.path}.` };
  if (filter !== undefined) {
    if (op.op !== 'remove') return { code: 'invalid_path', detail: `Operation ${n}: a members[...] path is only for remove.` };
    const ids = memberIdsOfFilter(filter);
    if (!ids.ok) return at(n, ids.problem);
    members.remove(ids.value);
    return null;
  }
  if (op.op === 'remove') {
    if (op.value === undefined) members.replace([]);
    else {
      // Entra: `remove` on `members` with the members to remove as the value.
      const ids = readMemberIds(op.value);
      if (!ids.ok) return at(n, ids.problem);
      members.remove(ids.value);
    }
    return null;
  }
  const ids = readMemberIds(op.value);
  if (!ids.ok) return at(n, ids.problem);
  if (op.op === 'add') members.add(ids.value);
  else members.replace(ids.value);
  return null;
}

/** `value eq "12"`, or several joined with `or`: the ids named. Anything else is not a path we take. */
function memberIdsOfFilter(text: string): ScimResult<number[]> {
  let node: FilterNode;
  try {
    node = parse(text);
  } catch (e) {
    return problem('invalid_path', `members[${text}] could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ids: number[] = [];
  const walk = (f: FilterNode): boolean => {
    if (f.op === 'or') return f.filters.every(walk);
    if (f.op !== 'eq' || f.attrPath.toLowerCase() !== 'value') return false;
    const id = memberId(f.compValue as Json);
    if (id === null) return false;
    ids.push(id);
    return true;
  };
  if (!walk(node)) return problem('invalid_path', `members[${text}]: only value eq "<user id>" (joined with or) selects members.`);
  return { ok: true, value: ids };
}

function at(n: number, p: ScimProblem): ScimProblem {
  return { code: p.code, detail: `Operation ${n}: ${p.detail}` };
}

function patchWithLibrary<T extends object>(current: T, ops: PatchOperation[]): ScimResult<T> {
  try {
    // The library's resource type wants `meta` with Date fields; it never reads meta, and ours holds strings.
    const out = scimPatch(structuredClone(current) as unknown as ScimResource, ops as ScimPatchOperation[], {
      mutateDocument: false,
      treatMissingAsAdd: true,
    });
    return { ok: true, value: out as unknown as T };
  } catch (e) {
    return { ok: false, problem: libraryProblem(e) };
  }
}

/** The library's errors carry RFC 7644's scimType where it knows one. */
function libraryProblem(e: unknown): ScimProblem {
  const detail = e instanceof Error ? e.message : String(e);
  const scimCode = typeof e === 'object' && e !== null ? (e as { scimCode?: unknown }).scimCode : undefined;
  switch (scimCode) {
    case 'noTarget':
      return { code: 'no_target', detail };
    case 'invalidSyntax':
      return { code: 'invalid_path', detail };
    default:
      return { code: 'invalid_value', detail };
  }
}

/** The first read-only attribute whose value the patch changed, or null. */
function readOnlyChange(before: object, after: object, names: string[]): string | null {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const name of names) if (JSON.stringify(b[name]) !== JSON.stringify(a[name])) return name;
  return null;
}
