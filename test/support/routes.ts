// The router's own list of endpoints, for tests that must cover every route (the access matrix, GET safety).
import type { Hono } from 'hono';

export interface Endpoint {
  method: string;
  path: string;
  /** "METHOD /path", as the tables key them. */
  key: string;
}

/**
 * Every endpoint the app answers, from `app.routes`: middleware (registered with `use`, method ALL, or a
 * `(c, next)` function such as the authorize guard) is left out, and each "METHOD path" appears once.
 */
export function endpointsOf(app: Pick<Hono<any>, 'routes'>): Endpoint[] {
  const out = new Map<string, Endpoint>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.handler.length > 1) continue;
    const key = `${r.method} ${r.path}`;
    if (!out.has(key)) out.set(key, { method: r.method, path: r.path, key });
  }
  return [...out.values()];
}

/**
 * A concrete URL for a route pattern. `:name` and `:name{regex}` are filled with `value(name)`; when that
 * does not match the parameter's own regex, with `fallback` (a number, say, for `:id{[0-9]+}`).
 */
export function fillPath(path: string, value: (name: string) => string, fallback = '1'): string {
  return path.replace(/:(\w+)(?:\{((?:[^{}]|\{[^{}]*\})*)\})?\??/g, (_, name: string, pattern?: string) => {
    const v = value(name);
    if (pattern && !new RegExp(`^(?:${pattern})$`).test(v)) return fallback;
    return encodeURIComponent(v);
  });
}
