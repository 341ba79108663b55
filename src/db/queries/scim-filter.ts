// SCIM filters as SQL: a resolved filter (src/domain/scim/filter.ts) becomes a Kysely `where` callback over
// users or groups, in forms an index can serve and that SQLite and PostgreSQL both run:
//  - userName, emails.value and displayName are case-insensitive (RFC 7643 §4.1), so they are compared
//    on the folded keys the application already keeps (email_key, name_key), folded the same way;
//  - `eq` is equality on the key (users.email_key is unique, users.name_key leads users_list_name_idx);
//  - `sw` is a range on the key (`>= prefix` and `<` the next string after every string with that prefix),
//    which an ordinary index serves, plus an exact `substr` test so the answer never depends on a collation;
//  - `co` is LIKE with escaped wildcards (no index serves a substring), `ew` a `substr` on the tail;
//  - externalId is case-exact (RFC 7643 §3.1), so it is compared as typed, without LIKE (which is
//    case-insensitive on SQLite);
//  - every test on a nullable column is two-valued (never NULL), so `not (...)` means what SCIM says.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Condition, GroupCondition, TextOp, UserCondition } from '../../domain/scim/filter.js';
import type { Database } from '../schema.js';
import { emailKey, nameKey } from './users.js';

/** How one SCIM attribute is stored: its column, how a value is folded to compare, and whether it may be null. */
interface TextColumn {
  column: string;
  /** Folds a whole value for eq/ne (the stored key's own function). */
  foldWhole: (v: string) => string;
  /** Folds a fragment for co/sw/ew (no trimming: a fragment's spaces matter). */
  foldPart: (v: string) => string;
  nullable: boolean;
  /** Case-exact columns are never compared with LIKE. */
  caseExact: boolean;
}

const folded = (column: string, foldWhole: (v: string) => string, foldPart: (v: string) => string): TextColumn => ({
  column,
  foldWhole,
  foldPart,
  nullable: false,
  caseExact: false,
});
const exact = (column: string): TextColumn => ({ column, foldWhole: (v) => v, foldPart: (v) => v, nullable: true, caseExact: true });
const lower = (v: string) => v.toLowerCase();

/** The columns the filters expect (migration 0011 adds external_id and deactivated_at). */
export const USER_FILTER_COLUMNS = {
  userName: folded('users.email_key', emailKey, lower),
  'emails.value': folded('users.email_key', emailKey, lower),
  displayName: folded('users.name_key', nameKey, (v) => v.normalize('NFC').toLowerCase()),
  externalId: exact('users.external_id'),
} as const satisfies Record<string, TextColumn>;

/** Groups' name_key is the name lower-cased (see insertGroup). */
export const GROUP_FILTER_COLUMNS = {
  displayName: folded('groups.name_key', lower, lower),
  externalId: exact('groups.external_id'),
} as const satisfies Record<string, TextColumn>;

type AnyEb = ExpressionBuilder<any, any>;

export function userFilterWhere(c: UserCondition): (eb: ExpressionBuilder<Database, 'users'>) => Expression<SqlBool> {
  return (eb) =>
    compile(eb, c, (attribute) => USER_FILTER_COLUMNS[attribute], (value) =>
      value ? eb('users.deactivated_at', 'is', null) : eb('users.deactivated_at', 'is not', null),
    );
}

export function groupFilterWhere(c: GroupCondition): (eb: ExpressionBuilder<Database, 'groups'>) => Expression<SqlBool> {
  return (eb) =>
    compile(eb, c, (attribute) => GROUP_FILTER_COLUMNS[attribute], () => {
      throw new Error('groups have no active attribute');
    });
}

function compile<A extends string>(
  eb: AnyEb,
  c: Condition<A>,
  columnOf: (attribute: Exclude<A, 'active'>) => TextColumn,
  active: (value: boolean) => Expression<SqlBool>,
): Expression<SqlBool> {
  const again = (d: Condition<A>) => compile(eb, d, columnOf, active);
  switch (c.kind) {
    case 'and':
      return eb.and(c.conditions.map(again));
    case 'or':
      return eb.or(c.conditions.map(again));
    case 'not':
      return eb.not(again(c.condition));
    case 'constant':
      return c.value ? sql<SqlBool>`1 = 1` : sql<SqlBool>`1 = 0`;
    case 'active':
      return active(c.value);
    case 'present':
      // `active` always has a value; a text attribute is present when it is neither null nor empty.
      if (c.attribute === 'active') return sql<SqlBool>`1 = 1`;
      return present(eb, columnOf(c.attribute as Exclude<A, 'active'>));
    case 'text':
      return text(eb, columnOf(c.attribute), c.op, c.value);
  }
}

function present(eb: AnyEb, col: TextColumn): Expression<SqlBool> {
  const ref = eb.ref(col.column);
  return col.nullable ? eb.and([eb(ref, 'is not', null), eb(ref, '<>', '')]) : eb(ref, '<>', '');
}

function text(eb: AnyEb, col: TextColumn, op: TextOp, raw: string): Expression<SqlBool> {
  const ref = eb.ref(col.column);
  if (op === 'ne') {
    // An attribute without a value is "not equal" to any value.
    const differs = eb(ref, '<>', col.foldWhole(raw));
    return col.nullable ? eb.or([eb(ref, 'is', null), differs]) : differs;
  }
  const test = positive(eb, col, op, raw);
  return col.nullable ? eb.and([eb(ref, 'is not', null), test]) : test;
}

function positive(eb: AnyEb, col: TextColumn, op: Exclude<TextOp, 'ne'>, raw: string): Expression<SqlBool> {
  const ref = eb.ref(col.column);
  if (op === 'eq') return eb(ref, '=', col.foldWhole(raw));
  const part = col.foldPart(raw);
  const length = Array.from(part).length;
  if (length === 0) return sql<SqlBool>`${ref} is not null`;
  switch (op) {
    case 'sw': {
      const bounds = [eb(ref, '>=', part)];
      const upper = nextPrefix(part);
      if (upper !== null) bounds.push(eb(ref, '<', upper));
      return eb.and([...bounds, sql<SqlBool>`substr(${ref}, 1, ${length}) = ${part}`]);
    }
    case 'ew':
      return sql<SqlBool>`(length(${ref}) >= ${length} and substr(${ref}, length(${ref}) - ${length - 1}) = ${part})`;
    case 'co':
      // LIKE ignores ASCII case on SQLite, which is harmless on a folded key but wrong for a case-exact
      // column; there, "the value is there" is "removing it changes the string".
      if (col.caseExact) return sql<SqlBool>`replace(${ref}, ${part}, '') <> ${ref}`;
      return sql<SqlBool>`${ref} like ${`%${escapeLike(part)}%`} escape '\\'`;
  }
}

/** The smallest string greater than every string starting with `prefix`, or null when there is none. */
export function nextPrefix(prefix: string): string | null {
  const points = Array.from(prefix, (ch) => ch.codePointAt(0)!);
  while (points.length > 0) {
    let last = points.pop()! + 1;
    if (last >= 0xd800 && last <= 0xdfff) last = 0xe000; // surrogates are not characters
    if (last <= 0x10ffff) return String.fromCodePoint(...points, last);
  }
  return null;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
