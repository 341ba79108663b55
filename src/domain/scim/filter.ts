// SCIM filters (RFC 7644 §3.4.2.2): the parsed tree, and its resolution against the attributes Launchpad
// can answer from an index. Resolution is where an unknown attribute, an operator an attribute does not
// support, or a value of the wrong type is refused (`invalidFilter`), so the SQL side only ever sees
// conditions it can compile. Pure.
import { problem, type ScimResult } from './errors.js';
import { GROUP_SCHEMA, USER_SCHEMA, type ResourceType } from './urns.js';

/** The parsed filter, as the filter grammar yields it (structurally the tree of `scim2-parse-filter`). */
export type FilterNode =
  | { op: CompareOp; attrPath: string; compValue: boolean | null | number | string }
  | { op: 'pr'; attrPath: string }
  | { op: 'and' | 'or'; filters: FilterNode[] }
  | { op: 'not'; filter: FilterNode }
  | { op: '[]'; attrPath: string; valFilter: FilterNode };

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le';
export type TextOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew';

export type UserFilterAttribute = 'userName' | 'emails.value' | 'externalId' | 'displayName' | 'active';
export type GroupFilterAttribute = 'displayName' | 'externalId';
export type TextAttribute<A> = Exclude<A, 'active'>;

/** A filter reduced to what the database is asked. `emails.value` is the member's one address, as `userName`. */
export type Condition<A extends string> =
  | { kind: 'text'; attribute: TextAttribute<A>; op: TextOp; value: string }
  | { kind: 'active'; value: boolean }
  | { kind: 'present'; attribute: A }
  | { kind: 'constant'; value: boolean }
  | { kind: 'and' | 'or'; conditions: Condition<A>[] }
  | { kind: 'not'; condition: Condition<A> };

export type UserCondition = Condition<UserFilterAttribute>;
export type GroupCondition = Condition<GroupFilterAttribute>;

const TEXT_OPS: readonly string[] = ['eq', 'ne', 'co', 'sw', 'ew'];
/** Deeper trees than this are refused rather than compiled into an enormous query. */
const MAX_DEPTH = 16;
const MAX_CONDITIONS = 64;

const USER_ATTRIBUTES: Record<string, UserFilterAttribute> = {
  username: 'userName',
  'emails.value': 'emails.value',
  emails: 'emails.value',
  externalid: 'externalId',
  displayname: 'displayName',
  active: 'active',
};
const GROUP_ATTRIBUTES: Record<string, GroupFilterAttribute> = { displayname: 'displayName', externalid: 'externalId' };

/** Attribute names are case-insensitive and may carry their schema's URN (RFC 7644 §3.10). */
export function canonicalAttribute(path: string, schemaUrn: string): string {
  const lower = path.toLowerCase();
  const prefix = `${schemaUrn.toLowerCase()}:`;
  return lower.startsWith(prefix) ? lower.slice(prefix.length) : lower;
}

/** Entra sends booleans as the strings "True" and "False"; take both spellings. */
export function looseBoolean(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return null;
}

export function resolveUserFilter(node: FilterNode): ScimResult<UserCondition> {
  return resolveRoot(node, 'User');
}

export function resolveGroupFilter(node: FilterNode): ScimResult<GroupCondition> {
  return resolveRoot(node, 'Group');
}

function resolveRoot<A extends string>(node: FilterNode, type: ResourceType): ScimResult<Condition<A>> {
  const counter = { n: 0 };
  try {
    return { ok: true, value: resolve(node, type, 0, counter) as Condition<A> };
  } catch (e) {
    if (e instanceof FilterRefusal) return problem('invalid_filter', e.message);
    throw e;
  }
}

class FilterRefusal extends Error {}

function refuse(message: string): never {
  throw new FilterRefusal(message);
}

function resolve(node: FilterNode, type: ResourceType, depth: number, counter: { n: number }): Condition<string> {
  if (depth > MAX_DEPTH) refuse(`The filter nests deeper than ${MAX_DEPTH} levels.`);
  if (++counter.n > MAX_CONDITIONS) refuse(`The filter has more than ${MAX_CONDITIONS} conditions.`);
  switch (node.op) {
    case 'and':
    case 'or':
      return { kind: node.op, conditions: node.filters.map((f) => resolve(f, type, depth + 1, counter)) };
    case 'not':
      return { kind: 'not', condition: resolve(node.filter, type, depth + 1, counter) };
    case '[]':
      return resolveValuePath(node, type, depth, counter);
    case 'pr':
      return { kind: 'present', attribute: attributeOf(node.attrPath, type) };
    default:
      return resolveCompare(node, type);
  }
}

function attributeOf(path: string, type: ResourceType): string {
  const name = canonicalAttribute(path, type === 'User' ? USER_SCHEMA : GROUP_SCHEMA);
  const attribute = type === 'User' ? USER_ATTRIBUTES[name] : GROUP_ATTRIBUTES[name];
  if (!attribute) refuse(`Filtering ${type}s on "${path}" is not supported.`);
  return attribute;
}

function resolveCompare(node: Extract<FilterNode, { compValue: unknown }>, type: ResourceType): Condition<string> {
  const attribute = attributeOf(node.attrPath, type);
  if (attribute === 'active') {
    if (node.op !== 'eq' && node.op !== 'ne') refuse(`active supports eq, ne and pr, not ${node.op}.`);
    const value = looseBoolean(node.compValue);
    if (value === null) refuse('active is compared with true or false.');
    return { kind: 'active', value: node.op === 'eq' ? value : !value };
  }
  if (!TEXT_OPS.includes(node.op)) refuse(`${node.attrPath} supports eq, ne, co, sw, ew and pr, not ${node.op}.`);
  if (typeof node.compValue !== 'string') refuse(`${node.attrPath} is compared with a string.`);
  return { kind: 'text', attribute, op: node.op as TextOp, value: node.compValue };
}

/**
 * `emails[type eq "work" and value co "@example.com"]`: a member has one address, of type "work" and
 * primary, so the sub-filter's `type` and `primary` tests are constants and its `value` tests are tests on
 * the address. Entra looks people up with `emails[type eq "work"].value eq "..."`.
 */
function resolveValuePath(node: Extract<FilterNode, { op: '[]' }>, type: ResourceType, depth: number, counter: { n: number }): Condition<string> {
  if (type !== 'User' || canonicalAttribute(node.attrPath, USER_SCHEMA) !== 'emails') {
    refuse(`Filtering ${type}s on "${node.attrPath}[...]" is not supported.`);
  }
  const inner = (f: FilterNode, d: number): Condition<string> => {
    if (d > MAX_DEPTH) refuse(`The filter nests deeper than ${MAX_DEPTH} levels.`);
    if (++counter.n > MAX_CONDITIONS) refuse(`The filter has more than ${MAX_CONDITIONS} conditions.`);
    switch (f.op) {
      case 'and':
      case 'or':
        return { kind: f.op, conditions: f.filters.map((g) => inner(g, d + 1)) };
      case 'not':
        return { kind: 'not', condition: inner(f.filter, d + 1) };
      case '[]':
        return refuse('A filter inside [...] cannot hold another [...].');
      case 'pr':
        return sub(f.attrPath) === 'value' ? { kind: 'present', attribute: 'emails.value' } : { kind: 'constant', value: true };
      default: {
        const name = sub(f.attrPath);
        if (name === 'value') return resolveCompare({ ...f, attrPath: 'emails.value' }, 'User');
        if (name === 'type') return { kind: 'constant', value: constantText(f.op, f.compValue, 'work') };
        const wanted = looseBoolean(f.compValue);
        if (wanted === null || (f.op !== 'eq' && f.op !== 'ne')) refuse('emails.primary is compared with eq or ne and true or false.');
        return { kind: 'constant', value: (wanted === true) === (f.op === 'eq') };
      }
    }
  };
  const sub = (path: string): 'value' | 'type' | 'primary' => {
    const name = path.toLowerCase();
    if (name === 'value' || name === 'type' || name === 'primary') return name;
    return refuse(`emails has no sub-attribute "${path}" to filter on.`);
  };
  return inner(node.valFilter, depth + 1);
}

/** A text test against a value known in advance (an email's type), case-insensitive as `type` is. */
function constantText(op: CompareOp, compValue: unknown, actual: string): boolean {
  if (typeof compValue !== 'string') refuse('emails.type is compared with a string.');
  const a = actual.toLowerCase();
  const v = compValue.toLowerCase();
  switch (op) {
    case 'eq':
      return a === v;
    case 'ne':
      return a !== v;
    case 'co':
      return a.includes(v);
    case 'sw':
      return a.startsWith(v);
    case 'ew':
      return a.endsWith(v);
    default:
      return refuse(`emails.type supports eq, ne, co, sw and ew, not ${op}.`);
  }
}
