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

/** One engine's one-connection runs of a page, in the order measured, and the round it is reported by. */
export interface RoundsResult {
  rounds: LoadResult[];
  /** The round with the median p50 (the lower middle one of an even number). */
  median: LoadResult;
}

function medianRound(rounds: LoadResult[]): LoadResult {
  const sorted = [...rounds].sort((a, b) => a.p50 - b.p50);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * The one-connection p50s that compare the engines, measured in alternating rounds (SQLite, then
 * PostgreSQL, then SQLite again, …) page by page, while both databases hold the same rows (the copy,
 * and the SQLite file after the load runs, which only read). Measured in two blocks minutes apart, the
 * machine's drift fell on one engine only: on this 2-CPU machine the same page's p50 moves by 20% from
 * one minute to the next. Each engine's figure is its median round; every round is reported.
 */
export async function measurePairedSingles(
  o: LaunchpadOn & { ctx: Omit<CaseContext, 'cookie'>; sqlite: ServerProcess; sqliteCases: LoadCase[]; singles(ctx: CaseContext): LoadCase[]; rounds: number; round: LoadRun },
  m: Measuring,
): Promise<{ sqlite: Map<string, RoundsResult>; postgres: Map<string, RoundsResult> }> {
  const app = await startLaunchpad(o, 'launchpad on postgres (one connection, alternating with SQLite)', m);
  const ctx: CaseContext = { ...o.ctx, cookie: await signInCookie(app.baseUrl, o.ctx.origin, o.ctx.seed.adminEmail, o.ctx.seed.password) };
  const pgCases = new Map(o.singles(ctx).map((c) => [c.name, c]));
  const sqlite = new Map<string, RoundsResult>();
  const postgres = new Map<string, RoundsResult>();
  for (const c of o.sqliteCases) {
    const onPostgres = pgCases.get(c.name);
    if (!onPostgres) throw new Error(`no PostgreSQL case named "${c.name}"`);
    const s: LoadResult[] = [];
    const p: LoadResult[] = [];
    for (let i = 0; i < o.rounds; i++) {
      s.push(await m.load(c, o.sqlite, o.round));
      p.push(await m.load(onPostgres, app, o.round));
    }
    sqlite.set(c.name, { rounds: s, median: medianRound(s) });
    postgres.set(c.name, { rounds: p, median: medianRound(p) });
  }
  await stop(app, m);
  return { sqlite, postgres };
}

export interface EngineRun {
  pid: number;
  rows: CaseRow[];
  invite: InviteTiming;
  apiInvite: InviteTiming;
}

/** The main run's cases, in the same order, against a Launchpad on another database. */
export async function measureCases(
  o: LaunchpadOn & {
    ctx: Omit<CaseContext, 'cookie'>;
    lists: CaseLists;
    apiKey: string;
    inviteRuns: number;
    inviteAddresses: number;
    /** The pages' one-connection runs, already measured alongside SQLite's (measurePairedSingles). */
    singles?: Map<string, RoundsResult>;
  },
  m: Measuring,
): Promise<EngineRun> {
  const app = await startLaunchpad(o, 'launchpad on postgres', m);
  const ctx: CaseContext = { ...o.ctx, cookie: await signInCookie(app.baseUrl, o.ctx.origin, o.ctx.seed.adminEmail, o.ctx.seed.password) };
  const rows: CaseRow[] = [];
  for (const c of o.lists.loads(ctx)) rows.push(await m.row(c, app));
  for (const c of o.lists.singles(ctx)) {
    const row = rows.find((r) => r.name === c.name)!;
    const paired = o.singles?.get(c.name);
    if (paired) {
      row.single = paired.median;
      row.singleRounds = paired.rounds;
    } else row.single = await m.load(c, app, m.single);
  }

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
