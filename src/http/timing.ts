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
  /** Wall time with at least one query in flight: queries run side by side (Promise.all) count once. */
  queryMs: number;
  /** Of queryMs, the part spent inside the session middleware. */
  sessionQueryMs: number;
  /** Turning the page's JSX into HTML (inside c.html). */
  renderMs: number;
  compressMs: number;
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
    const t: RequestTiming = { sessionMs: 0, queries: 0, queryMs: 0, sessionQueryMs: 0, renderMs: 0, compressMs: 0 };
    const t0 = performance.now();
    await current.run(t, next);
    c.res.headers.set('Server-Timing', serverTimingHeader(t, performance.now() - t0));
  };
}

/**
 * Times c.html, where hono/jsx renders the page (the JSX node becomes a string there). Installed after
 * the compression middleware, whose c.html also compresses: that part is counted as compression.
 */
export function timedRender(): MiddlewareHandler {
  return async (c, next) => {
    const t = current.getStore();
    if (t) {
      c.html = new Proxy(c.html, {
        apply(target, self, args) {
          const r0 = performance.now();
          const compressed = t.compressMs;
          const done = () => (t.renderMs += performance.now() - r0 - (t.compressMs - compressed));
          const out: unknown = Reflect.apply(target, self, args);
          if (out instanceof Promise) return out.finally(done);
          done();
          return out;
        },
      });
    }
    await next();
  };
}

/** Times the session middleware's own work, before and after next, not what runs inside next. */
export function timedSession(inner: MiddlewareHandler): MiddlewareHandler {
  return async (c, next) => {
    const t = current.getStore();
    if (!t) return inner(c, next);
    let start = performance.now();
    let queryMs = t.queryMs;
    const stop = () => {
      t.sessionMs += performance.now() - start;
      t.sessionQueryMs += t.queryMs - queryMs;
    };
    try {
      return await inner(c, async () => {
        stop();
        await next();
        start = performance.now();
        queryMs = t.queryMs;
      });
    } finally {
      stop();
    }
  };
}

export function recordCompression(_c: Context, ms: number): void {
  const t = current.getStore();
  if (t) t.compressMs += ms;
}

/**
 * Times the request's queries from compilation to result. SQLite has one connection, so queries started
 * side by side wait for each other: a query's time counts from its start or the previous one's end,
 * whichever is later, so waiting is not counted twice. (A query compiled and never run counts nothing.)
 */
export class QueryTimingPlugin implements KyselyPlugin {
  readonly #started = new WeakMap<object, number>();
  readonly #lastEnd = new WeakMap<RequestTiming, number>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (current.getStore()) this.#started.set(args.queryId, performance.now());
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const t = current.getStore();
    const start = this.#started.get(args.queryId);
    if (t && start !== undefined) {
      this.#started.delete(args.queryId);
      const end = performance.now();
      t.queries += 1;
      t.queryMs += end - Math.max(start, this.#lastEnd.get(t) ?? 0);
      this.#lastEnd.set(t, end);
    }
    return args.result;
  }
}
