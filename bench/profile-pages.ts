// Where a page's time goes, for the diagnosis: the app itself (createApp, the real routes, views and
// queries) runs in this process on the benchmark database with a Kysely that logs every statement; each
// page is requested through app.request, and each statement gets its duration and its plan: EXPLAIN QUERY
// PLAN on SQLite; on PostgreSQL EXPLAIN ANALYZE for reads (they run once more), EXPLAIN for writes.
// Only the app's public surfaces are used (createApp, its deps, the URLs), so query refactors do not break it.
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type LogEvent } from 'kysely';
import { isPostgresUrl } from '../src/db/connect.js';
import { openPostgres } from '../src/db/postgres.js';
import { createApp } from '../src/app.js';
import { createLinkSecrets } from '../src/auth/link-secrets.js';
import { createPasswordHasher } from '../src/auth/password.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/schema.js';
import type { AppDeps } from '../src/http/env.js';
import { createRateLimiter } from '../src/services/rate-limit.js';
import { defaultPublicFiles } from '../src/server.js';
import { median } from './invite-timing.js';
import { FORM } from './session.js';

export interface StatementProfile {
  sql: string;
  params: readonly unknown[];
  ms: number;
  plan: string[];
}

export interface PageProfile {
  name: string;
  path: string;
  status: number;
  bytes: number;
  /** The whole request in-process (middleware, queries, rendering), median of the runs. */
  medianMs: number;
  /** Time inside SQLite statements, in the last run. */
  sqlMs: number;
  /** Every statement of the last run, slowest first. */
  statements: StatementProfile[];
}

function planOf(sqlite: SQLite.Database, sql: string, params: readonly unknown[]): string[] {
  try {
    const rows = sqlite.prepare(`explain query plan ${sql}`).all(...params) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>([[0, 0]]);
    return rows.map((r) => {
      const d = (depth.get(r.parent) ?? 0) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d - 1)}${r.detail}`;
    });
  } catch (err) {
    return [`(no plan: ${err instanceof Error ? err.message : String(err)})`];
  }
}

async function postgresPlan(db: Kysely<Database>, sql: string, params: readonly unknown[]): Promise<string[]> {
  const reads = /^\s*(select|with)\b/i.test(sql);
  try {
    const r = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain ${reads ? '(analyze, buffers) ' : ''}${sql}`, [...params]));
    return r.rows.map((row) => row['QUERY PLAN'] ?? JSON.stringify(row));
  } catch (err) {
    return [`(no plan: ${err instanceof Error ? err.message : String(err)})`];
  }
}

/** `databaseUrl`: the benchmark's SQLite file (a path or file:…) or its PostgreSQL database. */
export async function profilePages(
  databaseUrl: string,
  o: { env: Record<string, string>; pages: { name: string; path: string }[]; email: string; password: string; runs?: number },
): Promise<PageProfile[]> {
  const config = loadConfig(o.env);
  let log: { sql: string; params: readonly unknown[]; ms: number }[] = [];
  const record = (e: LogEvent) => {
    if (e.level === 'query') log.push({ sql: e.query.sql, params: e.query.parameters, ms: e.queryDurationMillis });
  };
  const postgres = isPostgresUrl(databaseUrl);
  const sqlite = postgres ? null : new SQLite(databaseUrl.replace(/^file:/, ''));
  sqlite?.pragma('foreign_keys = ON');
  sqlite?.pragma('busy_timeout = 5000');
  const db = sqlite ? new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: record }) : openPostgres(databaseUrl, { poolMax: 2, log: record });
  // The plans are not part of the page's statements: they are asked for without the log.
  const plain = postgres ? openPostgres(databaseUrl, { poolMax: 1 }) : null;
  const planOfStatement = (sql: string, params: readonly unknown[]) => (sqlite ? Promise.resolve(planOf(sqlite, sql, params)) : postgresPlan(plain!, sql, params));
  const now = () => Date.now();
  const deps: AppDeps = {
    db,
    config,
    hasher: createPasswordHasher(),
    links: createLinkSecrets(config.secretKey ?? ''),
    now,
    notifyOutbox: () => {},
    limiter: createRateLimiter(now),
    setupTokenHash: null,
  };
  const app = createApp(deps, defaultPublicFiles());
  const origin = config.publicUrl.origin;
  const out: PageProfile[] = [];
  try {
    const signIn = await app.request('/login', {
      method: 'POST',
      headers: { origin, 'content-type': FORM },
      body: new URLSearchParams({ email: o.email, password: o.password }).toString(),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('launchpad_session='));
    if (!cookie) throw new Error(`in-process sign-in answered ${signIn.status} without a session cookie`);

    for (const page of o.pages) {
      const get = async () => {
        const res = await app.request(page.path, { headers: { cookie } });
        return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
      };
      await get(); // warm: compiled statements, JIT
      const times: number[] = [];
      let last = { status: 0, bytes: 0 };
      for (let i = 0; i < (o.runs ?? 3); i++) {
        log = [];
        const t0 = performance.now();
        last = await get();
        times.push(performance.now() - t0);
      }
      out.push({
        name: page.name,
        path: page.path,
        status: last.status,
        bytes: last.bytes,
        medianMs: median(times),
        sqlMs: log.reduce((a, q) => a + q.ms, 0),
        statements: (await Promise.all(log.map(async (q) => ({ sql: q.sql, params: q.params, ms: q.ms, plan: await planOfStatement(q.sql, q.params) })))).sort((a, b) => b.ms - a.ms),
      });
    }
  } finally {
    await db.destroy();
    await plain?.destroy();
  }
  return out;
}
