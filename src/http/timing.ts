// Where a request's time goes, for the benchmark: with SERVER_TIMING=true every response carries a
// Server-Timing header (session, queries with their count, render, compression, total). Off by default;
// when off, createApp installs none of this, so it costs nothing.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context, MiddlewareHandler } from 'hono';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

export interface RequestTiming {
  /** The session middleware's own time, its queries included. */
  sessionMs: number;
  queries: number;
  queryMs: number;
  /** Of queryMs, the part spent inside the session middleware. */
  sessionQueryMs: number;
  /** Turning the page's JSX into HTML (inside c.html). */
  renderMs: number;
  compressMs: number;
  inSession: boolean;
}

const current = new AsyncLocalStorage<RequestTiming>();

const r2 = (ms: number) => Math.round(ms * 100) / 100;

export function serverTimingHeader(t: RequestTiming, totalMs: number): string {
  return [
    `session;dur=${r2(t.sessionMs)};desc="${r2(t.sessionQueryMs)} ms of it in queries"`,
    `db;dur=${r2(t.queryMs)};desc="${t.queries} queries"`,
    `render;dur=${r2(t.renderMs)}`,
    `compress;dur=${r2(t.compressMs)}`,
    `total;dur=${r2(totalMs)}`,
  ].join(', ');
}

/** Outermost middleware: one timing record per request, reported in the Server-Timing header. */
export function serverTiming(): MiddlewareHandler {
  return async (c, next) => {
    const t: RequestTiming = { sessionMs: 0, queries: 0, queryMs: 0, sessionQueryMs: 0, renderMs: 0, compressMs: 0, inSession: false };
    const t0 = performance.now();
    // c.html is where hono/jsx renders the page (the JSX node becomes a string there).
    c.html = new Proxy(c.html, {
      apply(target, self, args) {
        const r0 = performance.now();
        const done = () => (t.renderMs += performance.now() - r0);
        const out: unknown = Reflect.apply(target, self, args);
        if (out instanceof Promise) return out.finally(done);
        done();
        return out;
      },
    });
    await current.run(t, next);
    c.res.headers.set('Server-Timing', serverTimingHeader(t, performance.now() - t0));
  };
}

/** Times the session middleware's own work, before and after next, not what runs inside next. */
export function timedSession(inner: MiddlewareHandler): MiddlewareHandler {
  return async (c, next) => {
    const t = current.getStore();
    if (!t) return inner(c, next);
    let start = performance.now();
    t.inSession = true;
    try {
      return await inner(c, async () => {
        t.sessionMs += performance.now() - start;
        t.inSession = false;
        await next();
        t.inSession = true;
        start = performance.now();
      });
    } finally {
      t.sessionMs += performance.now() - start;
      t.inSession = false;
    }
  };
}

export function recordCompression(_c: Context, ms: number): void {
  const t = current.getStore();
  if (t) t.compressMs += ms;
}

/** Times every query from its compilation to its result, for the request it runs in. */
export class QueryTimingPlugin implements KyselyPlugin {
  readonly #started = new WeakMap<object, number>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (current.getStore()) this.#started.set(args.queryId, performance.now());
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const t = current.getStore();
    const start = this.#started.get(args.queryId);
    if (t && start !== undefined) {
      const ms = performance.now() - start;
      t.queries += 1;
      t.queryMs += ms;
      if (t.inSession) t.sessionQueryMs += ms;
    }
    return args.result;
  }
}
