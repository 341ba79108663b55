// Middleware that applies to some paths only. hono/combine's except() composes a fresh middleware chain
// on every request; these test a prefix and call the middleware or next(), which is all the app needs.
import type { Env, MiddlewareHandler } from 'hono';

/** Whether a path is a prefix's own path or lies under it ('/api' and '/api/…' for '/api'). */
export function underPrefix(path: string, prefix: string): boolean {
  return path === prefix || (path.startsWith(prefix) && path.charCodeAt(prefix.length) === 47 /* '/' */);
}

/** Runs `middleware` unless the path lies under one of `prefixes`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function exceptUnder<E extends Env = any>(prefixes: readonly string[], middleware: MiddlewareHandler<E>): MiddlewareHandler<E> {
  return (c, next) => (prefixes.some((p) => underPrefix(c.req.path, p)) ? next() : middleware(c, next));
}
