// A resource's `meta` (RFC 7643 §3.1): type, timestamps, location and version. The version is a weak ETag
// computed from the resource's own content, so it changes exactly when what a client can read changes,
// with no counter to keep in the database. Pure.
import type { ResourceType } from './urns.js';

export interface ScimMeta {
  resourceType: ResourceType;
  created: string;
  lastModified: string;
  location: string;
  version: string;
}

/** Where the SCIM endpoints live, e.g. `https://launchpad.example.com/scim/v2` (no trailing slash). */
export interface ScimContext {
  baseUrl: string;
}

export function resourceLocation(ctx: ScimContext, type: ResourceType, id: string): string {
  return `${ctx.baseUrl}/${type === 'User' ? 'Users' : 'Groups'}/${encodeURIComponent(id)}`;
}

export function buildMeta(
  ctx: ScimContext,
  type: ResourceType,
  id: string,
  times: { createdAt: number; lastModifiedAt: number },
  content: unknown,
): ScimMeta {
  return {
    resourceType: type,
    created: new Date(times.createdAt).toISOString(),
    lastModified: new Date(Math.max(times.createdAt, times.lastModifiedAt)).toISOString(),
    location: resourceLocation(ctx, type, id),
    version: weakEtag(content),
  };
}

/** `W/"…"` over the canonical JSON of the content (keys sorted), so key order never changes it. */
export function weakEtag(content: unknown): string {
  return `W/"${cyrb53(canonicalJson(content)).toString(36)}"`;
}

/** If-Match / If-None-Match: `*` or a list of tags; weak comparison (RFC 9110 §8.8.3.2). */
export function etagMatches(header: string, version: string): boolean {
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(version));
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** cyrb53: a fast 53-bit string hash (public domain, by bryc). A version tag, not a security measure. */
function cyrb53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
