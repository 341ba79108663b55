// Middleware that applies to some requests only. hono/combine's except() composes a fresh middleware chain
// on every request; these test a prefix or the method and call the middleware or next(), which is all the
// app needs.
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

/**
 * Runs `middleware` only for requests that can carry a body (not GET or HEAD). For hono's bodyLimit: it
 * asks the request for its body stream, which on @hono/node-server builds a whole web Request (and an
 * AbortController) for every GET, only to find no body.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withBodyOnly<E extends Env = any>(middleware: MiddlewareHandler<E>): MiddlewareHandler<E> {
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : middleware(c, next));
}
