// Paging and the ListResponse (RFC 7644 §3.4.2). Pure.
import { problem, type ScimResult } from './errors.js';
import { LIST_RESPONSE } from './urns.js';

/** The most resources one page returns (ServiceProviderConfig `filter.maxResults`). */
export const MAX_RESULTS = 200;
/** A page's size when the client does not say. */
export const DEFAULT_COUNT = 100;

export interface Page {
  /** 1-based, as in SCIM. */
  startIndex: number;
  count: number;
}

/** startIndex below 1 counts as 1, count below 0 as 0, count above MAX_RESULTS as MAX_RESULTS (§3.4.2.4). */
export function readPage(q: { startIndex?: string | undefined; count?: string | undefined }): ScimResult<Page> {
  const int = (s: string | undefined, fallback: number): number | null => {
    if (s === undefined || s.trim() === '') return fallback;
    return /^-?\d{1,12}$/.test(s.trim()) ? Number(s.trim()) : null;
  };
  const startIndex = int(q.startIndex, 1);
  const count = int(q.count, DEFAULT_COUNT);
  if (startIndex === null) return problem('invalid_value', 'startIndex must be a whole number.');
  if (count === null) return problem('invalid_value', 'count must be a whole number.');
  return { ok: true, value: { startIndex: Math.max(1, startIndex), count: Math.min(MAX_RESULTS, Math.max(0, count)) } };
}

/** The SQL offset and limit of a page. */
export function pageWindow(p: Page): { offset: number; limit: number } {
  return { offset: p.startIndex - 1, limit: p.count };
}

export interface ListResponse<T> {
  schemas: [typeof LIST_RESPONSE];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export function listResponse<T>(resources: T[], totalResults: number, page: Page): ListResponse<T> {
  return { schemas: [LIST_RESPONSE], totalResults, startIndex: page.startIndex, itemsPerPage: resources.length, Resources: resources };
}
