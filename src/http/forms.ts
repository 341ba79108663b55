import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

/**
 * The posted form as plain strings; repeated names become arrays, files are dropped.
 * A body that cannot be parsed (a truncated multipart body, a wrong boundary) is the client's fault: 400.
 */
export async function readForm(c: Context): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true }).catch((cause: unknown) => {
    throw new HTTPException(400, { message: 'unreadable form body', cause });
  });
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') out[key] = value;
  }
  return out;
}

export function str(form: Record<string, string | string[]>, key: string): string {
  const v = form[key];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
}

export function strs(form: Record<string, string | string[]>, key: string): string[] {
  const v = form[key];
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
}

/** `?next=` is followed only to a path on this site: never `//host`, `/\host` or a full URL. */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f]/.test(next)) return '/';
  return next;
}
