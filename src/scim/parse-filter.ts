// The `filter` query parameter, from text to conditions the database can answer.
//
// Grammar: scim2-parse-filter. Chosen over scimmy and hand-written parsing because it yields a plain,
// typed tree ({op, attrPath, compValue} / {op: 'and', filters}) that compiles directly to SQL; it has no
// dependencies; it parses RFC 7644's precedence (`and` binds tighter than `or`), case-insensitive operators,
// escaped quotes, `not (...)` (its leading-`not` bug was fixed in 0.2.5, issue #55) and Entra's
// `emails[type eq "work"].value eq "..."`. scimmy is a whole framework (its own resource registry,
// schema classes and an array-shaped filter representation) whose model would sit beside ours.
import { parse } from 'scim2-parse-filter';
import { problem, type ScimResult } from '../domain/scim/errors.js';
import {
  resolveGroupFilter,
  resolveUserFilter,
  type FilterNode,
  type GroupCondition,
  type UserCondition,
} from '../domain/scim/filter.js';

/** Longer filters are refused before parsing: no IdP sends one, and the parser's work grows with it. */
export const MAX_FILTER_LENGTH = 2048;

function parseFilter(text: string): ScimResult<FilterNode> {
  if (text.length > MAX_FILTER_LENGTH) return problem('invalid_filter', `The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  try {
    // The library's tree has the same shape as FilterNode (checked by the type assignment below).
    const node: FilterNode = parse(text);
    return { ok: true, value: node };
  } catch (e) {
    return problem('invalid_filter', `The filter could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function parseUserFilter(text: string): ScimResult<UserCondition> {
  const parsed = parseFilter(text);
  return parsed.ok ? resolveUserFilter(parsed.value) : parsed;
}

export function parseGroupFilter(text: string): ScimResult<GroupCondition> {
  const parsed = parseFilter(text);
  return parsed.ok ? resolveGroupFilter(parsed.value) : parsed;
}
