// The PostgreSQL phases of a run: the main run's cases once more on the copied database (for the
// comparison with SQLite), and one Launchpad process against two on it (for the scale-out claim).
// The load and the rows are made by the run's own functions, passed in, so both engines are measured alike.
import { join } from 'node:path';
import type { CaseContext, LoadCase } from './cases.js';
import { timeBulkInvites, type InviteTiming } from './invite-timing.js';
import { waitIdle } from './idle.js';
import type { LoadResult, LoadRun } from './load.js';
import type { CaseRow } from './report.js';
import { freePort, startServerProcess, type ServerProcess } from './server-process.js';
import { signInCookie } from './session.js';

/** The run's own ways to measure, so the phases here measure exactly as the main run does. */
export interface Measuring {
  say(line: string): void;
  /** One load case against one server (waits for it to go quiet first). */
  load(c: LoadCase, server: ServerProcess, how: LoadRun): Promise<LoadResult>;
  /** The same, as a row of the results table. */
  row(c: LoadCase, server: ServerProcess): Promise<CaseRow>;
  /** The run's settings for the one-connection runs. */
  single: LoadRun;
  /** The run's settings for the loaded runs. */
  loaded: LoadRun;
  /** Servers started here go in it, so an interrupted run stops them. */
  children: ServerProcess[];
}

/** What the run measures, case by case: the same lists for every engine. */
export interface CaseLists {
  /** Loaded runs at the run's connections, before the bulk invites. */
  loads(ctx: CaseContext): LoadCase[];
  /** Cases measured once more at one connection (their p50). */
  singles(ctx: CaseContext): LoadCase[];
  /** The POSTs that use up seeded items, after the bulk invites. */
  posts(ctx: CaseContext): LoadCase[];
}

export interface LaunchpadOn {
  binary: string;
  /** The main run's environment; DATABASE_URL and PORT are replaced. */
  env: Record<string, string>;
  databaseUrl: string;
  dir: string;
}

async function startLaunchpad(o: LaunchpadOn, name: string, m: Measuring): Promise<ServerProcess> {
  const port = await freePort();
  const server = await startServerProcess({
    name, entry: o.binary, executable: true, args: ['serve'],
    env: { ...o.env, DATABASE_URL: o.databaseUrl, PORT: String(port), LAUNCHPAD_TMPDIR: o.dir },
    port, logFile: join(o.dir, `${name.replace(/\W+/g, '-')}.log`), readyPath: '/healthz',
  });
  m.children.push(server);
  m.say(`  ${name}: pid ${server.pid} on ${server.baseUrl} (log ${server.logFile})`);
  return server;
}

async function stop(server: ServerProcess, m: Measuring): Promise<void> {
  m.say(`  ${server.name}: ${await server.stop()}`);
  m.children.splice(m.children.indexOf(server), 1);
}

/** The round with the median p50 (the lower middle one of an even number). */
function medianRound(rounds: LoadResult[]): LoadResult {
  const sorted = [...rounds].sort((a, b) => a.p50 - b.p50);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** A Launchpad on PostgreSQL that has run the load cases; the rest of the phase goes on with it. */
export interface PostgresStarted {
  app: ServerProcess;
  ctx: CaseContext;
  rows: CaseRow[];
}

/**
 * The main run's load cases, in the same order, against a Launchpad on the copy, right after SQLite's:
 * the server is then as warm as SQLite's for the one-connection rounds, and stays up for the rest.
 */
export async function runPostgresLoads(o: LaunchpadOn & { ctx: Omit<CaseContext, 'cookie'>; lists: CaseLists }, m: Measuring): Promise<PostgresStarted> {
  const app = await startLaunchpad(o, 'launchpad on postgres', m);
  const ctx: CaseContext = { ...o.ctx, cookie: await signInCookie(app.baseUrl, o.ctx.origin, o.ctx.seed.adminEmail, o.ctx.seed.password) };
  const rows: CaseRow[] = [];
  for (const c of o.lists.loads(ctx)) rows.push(await m.row(c, app));
  return { app, ctx, rows };
}

/**
 * The one-connection p50s that compare the engines, measured in alternating rounds (SQLite, then
 * PostgreSQL, then SQLite again, …) page by page, each server warm from the same load runs, while both
 * databases hold the same rows (the copy, and the SQLite file after load runs that only read). Measured
 * in two blocks minutes apart, the machine's drift fell on one engine only: on this 2-CPU machine the
 * same page's p50 moves by 20% from one minute to the next. Each engine's figure is its median round;
 * every round is kept for the report. Sets both engines' rows.
 */
export async function measurePairedSingles(
  o: { sqlite: ServerProcess; sqliteRows: CaseRow[]; sqliteCases: LoadCase[]; postgres: PostgresStarted; singles(ctx: CaseContext): LoadCase[]; rounds: number; round: LoadRun },
  m: Measuring,
): Promise<void> {
  const pgCases = new Map(o.singles(o.postgres.ctx).map((c) => [c.name, c]));
  for (const c of o.sqliteCases) {
    const onPostgres = pgCases.get(c.name);
    const sqliteRow = o.sqliteRows.find((r) => r.name === c.name);
    const pgRow = o.postgres.rows.find((r) => r.name === c.name);
    if (!onPostgres || !sqliteRow || !pgRow) throw new Error(`"${c.name}" is not a case of both engines`);
    const s: LoadResult[] = [];
    const p: LoadResult[] = [];
    for (let i = 0; i < o.rounds; i++) {
      s.push(await m.load(c, o.sqlite, o.round));
      p.push(await m.load(onPostgres, o.postgres.app, o.round));
    }
    [sqliteRow.single, sqliteRow.singleRounds] = [medianRound(s), s];
    [pgRow.single, pgRow.singleRounds] = [medianRound(p), p];
  }
}

export interface EngineRun {
  pid: number;
  rows: CaseRow[];
  invite: InviteTiming;
  apiInvite: InviteTiming;
}

/** The rest of the main run's cases, in the same order, on the Launchpad that ran the load cases; then it stops. */
export async function finishPostgresCases(
  o: LaunchpadOn & { ctx: Omit<CaseContext, 'cookie'>; lists: CaseLists; apiKey: string; inviteRuns: number; inviteAddresses: number },
  started: PostgresStarted,
  m: Measuring,
): Promise<EngineRun> {
  const { app, ctx, rows } = started;
  await waitIdle(app.pid);
  const smallest = o.ctx.seed.groupsBySize.slice(-2).map((g) => g.id);
  const timing = { baseUrl: app.baseUrl, origin: o.ctx.origin, cookie: ctx.cookie, databaseUrl: o.databaseUrl, runs: o.inviteRuns, addresses: o.inviteAddresses, groupIds: smallest };
  m.say(`bulk invite of ${o.inviteAddresses} addresses, ${o.inviteRuns} submissions…`);
  const invite = await timeBulkInvites(timing);
  m.say(`  median ${invite.medianMs.toFixed(0)} ms`);
  m.say(`bulk create of ${o.inviteAddresses} addresses over the API, ${o.inviteRuns} requests…`);
  const apiInvite = await timeBulkInvites({ ...timing, apiKey: o.apiKey });
  m.say(`  median ${apiInvite.medianMs.toFixed(0)} ms`);

  for (const c of o.lists.posts(ctx)) rows.push(await m.row(c, app));
  const pid = app.pid;
  await stop(app, m);
  return { pid, rows, invite, apiInvite };
}

export interface ProcessesRow {
  name: string;
  request: string;
  one: LoadResult;
  two: LoadResult;
}

/**
 * One process, then two on the same database, under the same load: one wrk with the same connections
 * and threads, whose two threads each keep their connections to one process for the two-process run
 * (what a balancer without sticky sessions does per connection, without a balancer's own CPU cost on
 * this machine). Measured back to back, one process first.
 */
export async function compareProcesses(
  o: LaunchpadOn & { ctx: Omit<CaseContext, 'cookie'>; cases(ctx: CaseContext): LoadCase[] },
  m: Measuring,
): Promise<ProcessesRow[]> {
  const a = await startLaunchpad(o, 'launchpad A', m);
  const ctx: CaseContext = { ...o.ctx, cookie: await signInCookie(a.baseUrl, o.ctx.origin, o.ctx.seed.adminEmail, o.ctx.seed.password) };
  const cases = o.cases(ctx);
  const one = new Map<string, LoadResult>();
  for (const c of cases) one.set(c.name, await m.load(c, a, m.loaded));
  const b = await startLaunchpad(o, 'launchpad B', m);
  const out: ProcessesRow[] = [];
  for (const c of cases) {
    await waitIdle(b.pid);
    const split: LoadCase = { ...c, name: `${c.name} (two processes)`, spec: { ...c.spec, spreadOver: [a.baseUrl, b.baseUrl] } };
    out.push({ name: c.name, request: c.request, one: one.get(c.name)!, two: await m.load(split, a, m.loaded) });
  }
  await stop(b, m);
  await stop(a, m);
  return out;
}
