// `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): which attributes a response carries.
// `schemas` and `id` are always returned. Paths are case-insensitive, may name a sub-attribute
// (`emails.value`, `meta.lastModified`) and may carry their schema's URN. Pure.
import { attr, isObject, type Json, type JsonObject } from './attributes.js';

export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

const ALWAYS = new Set(['schemas', 'id']);

/** `userName, emails.value` → ['userName', 'emails.value']; empty or missing → undefined. */
export function parseAttributeList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  return list.length ? list : undefined;
}

interface Path {
  /** The top-level key, as the resource spells it (an extension's URN for its attributes). */
  top: string;
  sub?: string;
}

/** Where a path points in this resource; null when the resource has no such attribute. */
function locate(resource: JsonObject, path: string, coreSchema: string): Path | null {
  const lower = path.toLowerCase();
  const keys = Object.keys(resource);
  // An extension's attribute: the URN, a colon, the attribute. Or the extension as a whole.
  for (const key of keys) {
    const k = key.toLowerCase();
    if (!k.startsWith('urn:')) continue;
    if (lower === k) return { top: key };
    if (lower.startsWith(`${k}:`)) return { top: key, sub: path.slice(key.length + 1) };
  }
  const corePrefix = `${coreSchema.toLowerCase()}:`;
  const bare = lower.startsWith(corePrefix) ? path.slice(corePrefix.length) : path;
  const [head, ...rest] = bare.split('.');
  const top = keys.find((k) => k.toLowerCase() === head!.toLowerCase());
  if (!top) return null;
  return rest.length ? { top, sub: rest.join('.') } : { top };
}

export function project<T extends object>(resource: T, p: Projection, coreSchema: string): Partial<T> {
  const source = resource as unknown as JsonObject;
  if (p.attributes?.length) {
    const out: JsonObject = {};
    for (const key of Object.keys(source)) if (ALWAYS.has(key)) out[key] = source[key]!;
    for (const path of p.attributes) {
      const at = locate(source, path, coreSchema);
      if (!at) continue;
      const value = source[at.top]!;
      if (at.sub === undefined) out[at.top] = value;
      else {
        const picked = pick(value, at.sub);
        if (picked !== undefined) out[at.top] = merge(out[at.top], picked);
      }
    }
    return out as Partial<T>;
  }
  if (p.excludedAttributes?.length) {
    const out = structuredClone(source);
    for (const path of p.excludedAttributes) {
      const at = locate(out, path, coreSchema);
      if (!at || ALWAYS.has(at.top)) continue;
      if (at.sub === undefined) delete out[at.top];
      else drop(out[at.top]!, at.sub);
    }
    return out as Partial<T>;
  }
  return resource;
}

/** The sub-attribute of an object, or of each object of a multi-valued attribute. */
function pick(value: Json, sub: string): Json | undefined {
  if (Array.isArray(value)) {
    const items = value.map((v) => pick(v, sub)).filter((v): v is Json => v !== undefined);
    return items.length ? items : undefined;
  }
  if (!isObject(value)) return undefined;
  const v = attr(value, sub);
  if (v === undefined) return undefined;
  const key = Object.keys(value).find((k) => k.toLowerCase() === sub.toLowerCase())!;
  return { [key]: v };
}

/** Two picks from the same attribute (`emails.value,emails.type`) combine, element by element. */
function merge(a: Json | undefined, b: Json): Json {
  if (a === undefined) return b;
  if (Array.isArray(a) && Array.isArray(b)) return a.map((x, i) => merge(x, b[i] ?? {}));
  if (isObject(a) && isObject(b)) return { ...a, ...b };
  return b;
}

function drop(value: Json, sub: string): void {
  if (Array.isArray(value)) {
    for (const v of value) drop(v, sub);
    return;
  }
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) if (key.toLowerCase() === sub.toLowerCase()) delete value[key];
}
