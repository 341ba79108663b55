// The engines a run measures. The seed is always written to SQLite (bench/seed.ts); for PostgreSQL the run
// makes a database of its own on the server (BENCH_DATABASE_URL), fills it from the seeded file with the
// product's own `launchpad copy-db`, as an operator moving a space would, and drops it at the end.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.js';
import { redactUrl } from '../src/db/postgres.js';
import type { BenchEngineChoice } from './settings.js';

export type BenchEngine = 'sqlite' | 'postgres';

export interface EnginePlan {
  /** The engine of the main run: the results table, the breakdown, the memory and invite targets. */
  primary: BenchEngine;
  /** PostgreSQL measured too, after SQLite, for the comparison (BENCH_ENGINE=both). */
  compare: boolean;
  /** Why this plan, for the log and the report. */
  why: string;
}

function answers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 5432), timeout: 1_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

export async function planEngines(choice: BenchEngineChoice | undefined, serverUrl: string): Promise<EnginePlan> {
  if (choice === 'sqlite') return { primary: 'sqlite', compare: false, why: 'BENCH_ENGINE=sqlite' };
  if (choice === 'postgres') return { primary: 'postgres', compare: false, why: 'BENCH_ENGINE=postgres' };
  if (choice === 'both') return { primary: 'sqlite', compare: true, why: 'BENCH_ENGINE=both' };
  return (await answers(serverUrl))
    ? { primary: 'sqlite', compare: true, why: `BENCH_ENGINE unset and PostgreSQL answers at ${redactUrl(serverUrl)}: both engines` }
    : { primary: 'sqlite', compare: false, why: `BENCH_ENGINE unset and nothing answers at ${redactUrl(serverUrl)}: SQLite only` };
}

export interface RunDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, f: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server for this run, with pg_trgm (the migrations create it when allowed). */
export async function createRunDatabase(serverUrl: string): Promise<RunDatabase> {
  const name = `launchpad_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`create database "${name}" template template0 locale 'C.UTF-8'`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    name,
    drop: () => onServer(serverUrl, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

/**
 * Asks the server to write out now what the copy left in its buffers (CHECKPOINT; superusers and
 * pg_checkpoint only): otherwise its next timed checkpoint writes them during the SQLite cases that
 * follow, on the same disk. Answers what happened, for the log; never fails the run.
 */
export async function checkpointServer(serverUrl: string): Promise<string> {
  const t0 = performance.now();
  try {
    await onServer(serverUrl, (c) => c.query('checkpoint'));
    return `CHECKPOINT in ${((performance.now() - t0) / 1000).toFixed(2)} s`;
  } catch (err) {
    return `no CHECKPOINT (${(err as Error).message})`;
  }
}

export interface CopyReport {
  ms: number;
  /** What copy-db printed per table. */
  tables: { table: string; rows: number }[];
}

/** `launchpad copy-db --to <url>` with DATABASE_URL the seeded file: the same command an operator runs. */
export function copyIntoPostgres(binary: string, env: Record<string, string>, targetUrl: string): CopyReport {
  const t0 = performance.now();
  const out = execFileSync(binary, ['copy-db', '--to', targetUrl], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  const tables = [...out.matchAll(/^(\w+)\s+(\d+) rows$/gm)].map((m) => ({ table: m[1]!, rows: Number(m[2]) }));
  if (tables.length === 0) throw new Error(`copy-db printed no tables:\n${out}`);
  return { ms, tables };
}

/** What the invite timing reads from the database between submissions, on either engine. */
export interface InviteProbe {
  /** Pending invitations whose email starts with the prefix. */
  pendingWith(prefix: string): Promise<number>;
  /** Outbox rows not yet delivered. */
  undelivered(): Promise<number>;
  close(): Promise<void>;
}

export function openInviteProbe(databaseUrl: string): InviteProbe {
  const db = openDatabase(databaseUrl, { poolMax: 1 });
  const n = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0]!.n);
  return {
    pendingWith: (prefix) => n(sql`select count(*) as n from invitations where status = 'pending' and email_key like ${`${prefix}%`}`),
    undelivered: () => n(sql`select count(*) as n from outbox where status in ('queued', 'sending')`),
    close: () => db.destroy(),
  };
}

export { redactUrl };
