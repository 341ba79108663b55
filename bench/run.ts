// npm run bench: seed a fresh database, start the Launchpad and a bare Hono hello-world as their own processes,
// load both with wrk (or autocannon) from a process of its own, time the bulk invite and the password hash,
// break a page's time down with the server's own Server-Timing, report against the issue's targets.
// On PostgreSQL too (BENCH_ENGINE, bench/engines.ts): the seeded file copied with `launchpad copy-db`, the
// same cases on it, and one Launchpad process against two (bench/engine-phase.ts).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiUsersCase, createApiKey } from './api-cases.js';
import { breakDownPages } from './breakdown.js';
import { BULK_MEMBERS, timeBulkActions } from './bulk-cases.js';
import { ACCEPT_ENCODING, acceptCase, pageCases, signInCase, type CaseContext, type LoadCase } from './cases.js';
import {
  compareProcesses,
  finishPostgresCases,
  measurePairedSingles,
  runPostgresLoads,
  type CaseLists,
  type EngineRun,
  type Measuring,
  type PostgresStarted,
  type ProcessesRow,
} from './engine-phase.js';
import { checkpointServer, copyIntoPostgres, createRunDatabase, planEngines, redactUrl, type CopyReport, type RunDatabase } from './engines.js';
import { profilePages } from './profile-pages.js';
import { measureFloor, type FloorRows } from './floor-cases.js';
import { measureHashCost } from './hash-cost.js';
import { waitIdle } from './idle.js';
import { timeBulkInvites } from './invite-timing.js';
import { chooseGenerator, measure, type LoadResult, type LoadRun } from './load.js';
import { readStatusKb, sampleRss } from './memory.js';
import { renderReport, type CaseRow } from './report.js';
import { createScimKey, measureScim } from './scim-cases.js';
import { seedDatabase } from './seed.js';
import { signInCookie } from './session.js';
import { buildBinary, freePort, REPO_ROOT, startServerProcess, type ServerProcess } from './server-process.js';
import { readSettings, singleRoundDuration } from './settings.js';
import { describeSource, sourceState } from './source-state.js';

const SEATS = 'designer:1000000,explorer:1000000,reader:1000000';
const INVITE_ADDRESSES = 1_000;

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<number> {
  const settings = readSettings();
  const generator = chooseGenerator(settings.generator);
  const plan = await planEngines(settings.engine, settings.databaseUrl);
  say(`engines: ${plan.primary}${plan.compare ? ' and postgres' : ''} (${plan.why})`);
  let postgres: RunDatabase | null = null;
  const date = new Date();
  const loadBefore = loadavg();
  const sourceBefore = sourceState(REPO_ROOT);
  const dir = mkdtempSync(join(tmpdir(), 'launchpad-bench-'));
  const dbPath = join(dir, 'launchpad.db');
  const secretKey = randomBytes(32).toString('base64url');
  const children: ServerProcess[] = [];
  const stopAll = async () => {
    await Promise.all(children.splice(0).map((c) => c.stop().catch(() => 'already stopped')));
  };
  const onSignal = () => {
    say('interrupted: stopping the servers');
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let failed = true;
  try {
    say(`seeding ${dbPath}${settings.scale !== 1 ? ` (BENCH_SCALE=${settings.scale})` : ''}…`);
    const seed = await seedDatabase(dbPath, secretKey, settings.scale);
    for (const t of seed.timings) say(`  ${t.step}: ${t.rows} in ${(t.ms / 1000).toFixed(2)} s`);
    say(`  total ${(seed.totalMs / 1000).toFixed(2)} s`);
    const dbBytes = statSync(dbPath).size;

    say(`timing the password hash (${settings.hashRuns} runs)…`);
    const hash = await measureHashCost(settings.hashRuns);

    const [helloPort, appPort] = [await freePort(), await freePort()];
    const publicUrl = `http://127.0.0.1:${appPort}`;
    const appEnv = {
      DATABASE_URL: `file:${dbPath}`, // the primary engine's, once the copy is made

      PORT: String(appPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      SECRET_KEY: secretKey,
      SEATS,
      TRUST_PROXY: 'true',
      INVITE_TTL: '7d',
      // The API case sends one key's requests as fast as it can: past the default 600 a minute it would measure 429s.
      API_RATE_LIMIT: '1000000000',
      // As the README's systemd units run the binary: glibc gives a password hash's 8 MiB back when freed.
      MALLOC_MMAP_THRESHOLD_: '131072',
    };
    // The Launchpad runs as operators run it: the single binary (npm run build), not through the tsx loader,
    // which alone holds about 60 MB.
    say('building the single binary (npm run build)…');
    const binary = buildBinary();
    const apiKey = createApiKey(binary, { ...appEnv, LAUNCHPAD_TMPDIR: dir });
    const scimKey = createScimKey(binary, { ...appEnv, LAUNCHPAD_TMPDIR: dir });
    // Copied before any server runs, so both engines start from the same rows (the key included).
    let copy: CopyReport | null = null;
    if (plan.primary === 'postgres' || plan.compare) {
      postgres = await createRunDatabase(settings.databaseUrl);
      say(`copying the seeded database into ${redactUrl(postgres.url)} (launchpad copy-db)…`);
      copy = copyIntoPostgres(binary, { ...appEnv, LAUNCHPAD_TMPDIR: dir }, postgres.url);
      say(`  ${copy.tables.reduce((a, t) => a + t.rows, 0)} rows in ${copy.tables.length} tables, ${(copy.ms / 1000).toFixed(2)} s`);
      say(`  ${await checkpointServer(postgres.url)}`);
      if (plan.primary === 'postgres') appEnv.DATABASE_URL = postgres.url;
    }
    say('starting hello-world and the Launchpad…');
    children.push(
      await startServerProcess({
        name: 'hello-world', entry: 'bench/hello.ts', env: { PORT: String(helloPort), HOST: '127.0.0.1' },
        port: helloPort, logFile: join(dir, 'hello.log'), readyPath: '/',
      }),
    );
    const hello = children[0]!;
    children.push(
      await startServerProcess({
        name: 'launchpad', entry: binary, executable: true, args: ['serve'], env: { ...appEnv, LAUNCHPAD_TMPDIR: dir }, port: appPort, logFile: join(dir, 'server.log'), readyPath: '/healthz',
      }),
    );
    const app = children[1]!;
    say(`  hello-world pid ${hello.pid} on ${hello.baseUrl}; Launchpad pid ${app.pid} on ${app.baseUrl} (log ${app.logFile})`);
    const idleRssKb = { app: readStatusKb(app.pid, 'VmRSS') ?? 0, hello: readStatusKb(hello.pid, 'VmRSS') ?? 0 };
    const runRss = sampleRss(app.pid);

    const origin = new URL(publicUrl).origin;
    const cookie = await signInCookie(app.baseUrl, origin, seed.adminEmail, seed.password);
    const ctx: CaseContext = { origin, cookie, seed, settings };
    const run: LoadRun = { connections: settings.connections, duration: settings.duration, warmup: settings.warmup, timeout: settings.timeout };

    const alive = (server: ServerProcess) => {
      const how = server.exited();
      if (how) throw new Error(`${server.name} (pid ${server.pid}) has stopped (${how}); the end of ${server.logFile}:\n${server.logTail()}`);
    };
    const load = async (c: LoadCase, server: ServerProcess, how: LoadRun, countStatuses = true): Promise<LoadResult> => {
      alive(server);
      await waitIdle(server.pid);
      say(`${c.name}: ${c.request}${how.connections === 1 ? ' (one connection)' : ''}`);
      const result = await measure({ url: server.baseUrl, ...c.spec, countStatuses }, how, server.pid, generator);
      alive(server); // a server that died mid-case would show as thousands of refused connections
      say(`  ${result.requestsPerSec.toFixed(1)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}, peak RSS ${(result.peakRssKb / 1024).toFixed(1)} MB`);
      return result;
    };
    const row = async (c: LoadCase, server: ServerProcess, countStatuses = true): Promise<CaseRow> => {
      const result = await load(c, server, run, countStatuses);
      return { name: c.name, request: c.request, note: c.note, usersTarget: c.usersTarget, expectedStatus: c.spec.expectedStatus, result, used: c.usesItems ? result.requestsUsed : undefined };
    };
    // The Users tab's p50 at one connection: the cost of one request, without others queued before it.
    const single: LoadRun = { connections: 1, duration: settings.singleDuration, warmup: Math.min(1, settings.warmup), timeout: settings.timeout };
    // What every engine is measured with. Comparing engines takes every page's p50 at one connection.
    const lists: CaseLists = {
      loads: (x) => [...pageCases(x), apiUsersCase(apiKey)],
      singles: (x) => pageCases(x).filter((p) => p.usersTarget || plan.compare),
      posts: (x) => [acceptCase(x), signInCase(x)],
    };

    say(`load generator: ${generator}, in its own process`);
    // The baseline runs at the generator's full speed: wrk counts statuses ≥ 400 itself, without a Lua call per answer.
    const helloCase: LoadCase = {
      name: 'Hello world (bare Hono on @hono/node-server)',
      request: 'GET /',
      usersTarget: false,
      spec: { requests: [{ method: 'GET', path: '/', headers: { 'accept-encoding': ACCEPT_ENCODING } }], expectedStatus: 200 },
    };
    const helloRow = await row(helloCase, hello, false);
    // The floor on this stack under the first Users page, right after hello-world (SQLite only: the single binary's case).
    let floor: FloorRows | null = null;
    if (plan.primary === 'sqlite') {
      say('the floor under the Users tab (bench/floor.ts): the page\'s statements as the Launchpad ran them…');
      const [profile] = await profilePages(dbPath, { env: appEnv, pages: [{ name: 'Users tab, first page', path: '/users' }], email: seed.adminEmail, password: seed.password });
      floor = await measureFloor({ app, cookie, path: '/users', profile: profile!, dbPath, dir, children, row: (c, server) => row(c, server), say });
    }
    const rows: CaseRow[] = [];
    for (const c of lists.loads(ctx)) rows.push(await row(c, app));
    const measuring: Measuring = { say, load, row: (c, server) => row(c, server), single, loaded: run, children };
    const on = { binary, env: appEnv, databaseUrl: postgres?.url ?? '', dir, ctx: { origin, seed, settings } };
    // PostgreSQL's load cases right after SQLite's, then each page at one connection on both, alternating.
    let onPostgres: PostgresStarted | null = null;
    if (postgres && plan.compare) {
      say('the same load cases on PostgreSQL…');
      onPostgres = await runPostgresLoads({ ...on, lists }, measuring);
      say(`each page at one connection, SQLite and PostgreSQL alternating, ${settings.singleRounds} rounds each…`);
      const round: LoadRun = { ...single, duration: singleRoundDuration(settings) };
      await measurePairedSingles({ sqlite: app, sqliteRows: rows, sqliteCases: lists.singles(ctx), postgres: onPostgres, singles: lists.singles, rounds: settings.singleRounds, round }, measuring);
    } else {
      for (const c of lists.singles(ctx)) {
        const r = rows.find((x) => x.name === c.name)!;
        r.single = await load(c, app, single);
      }
    }

    alive(app);
    await waitIdle(app.pid);
    say(`bulk invite of ${INVITE_ADDRESSES} addresses, ${settings.inviteRuns} submissions…`);
    const inviteRss = sampleRss(app.pid);
    const smallest = seed.groupsBySize.slice(-2).map((g) => g.id);
    const invite = await timeBulkInvites({ baseUrl: app.baseUrl, origin, cookie, databaseUrl: appEnv.DATABASE_URL, runs: settings.inviteRuns, addresses: INVITE_ADDRESSES, groupIds: smallest });
    const inviteRssKb = inviteRss.stop().peakKb;
    say(`  ${invite.runs.map((r) => `${r.ms.toFixed(0)} ms (${r.status})`).join(', ')}; median ${invite.medianMs.toFixed(0)} ms`);
    say(`bulk create of ${INVITE_ADDRESSES} addresses over the API, ${settings.inviteRuns} requests…`);
    const apiInvite = await timeBulkInvites({ baseUrl: app.baseUrl, origin, cookie, databaseUrl: appEnv.DATABASE_URL, runs: settings.inviteRuns, addresses: INVITE_ADDRESSES, groupIds: smallest, apiKey });
    say(`  ${apiInvite.runs.map((r) => `${r.ms.toFixed(0)} ms (${r.status})`).join(', ')}; median ${apiInvite.medianMs.toFixed(0)} ms`);
    const bulkMembers = Math.max(50, Math.round(BULK_MEMBERS * Math.min(1, settings.scale)));
    say(`bulk actions on ${bulkMembers} members, ${settings.inviteRuns} submissions each…`);
    const bulk = await timeBulkActions({ baseUrl: app.baseUrl, origin, cookie, dbPath, runs: settings.inviteRuns, members: bulkMembers, groupId: smallest[0]! });
    for (const b of bulk) say(`  ${b.name}: ${b.runs.map((r) => `${r.ms.toFixed(0)} ms (${r.status})`).join(', ')}; median ${b.medianMs.toFixed(0)} ms`);

    for (const c of lists.posts(ctx)) rows.push(await row(c, app));

    alive(app);
    await waitIdle(app.pid);
    const scim = await measureScim({
      baseUrl: app.baseUrl, serverPid: app.pid, key: scimKey, email: seed.signInEmails.at(-1)!, scale: settings.scale,
      loadSingle: (c) => load(c, app, single), waitIdle: () => waitIdle(app.pid), say,
    });

    alive(app);
    await waitIdle(app.pid);
    const runPeakRssKb = runRss.stop().peakKb;
    const vmHwmKb = readStatusKb(app.pid, 'VmHWM');
    say('stopping the servers…');
    for (const c of [hello, app]) {
      say(`  ${c.name}: ${await c.stop()}`);
      children.splice(children.indexOf(c), 1);
    }

    // PostgreSQL, right after the main run so the machine's noise is alike: the rest of the cases on the
    // copy (BENCH_ENGINE=both; its load cases and one-connection rounds ran beside SQLite's), then one
    // process against two.
    let secondary: EngineRun | null = null;
    let processes: ProcessesRow[] | null = null;
    if (onPostgres) {
      say('the rest of the cases on PostgreSQL…');
      secondary = await finishPostgresCases({ ...on, lists, apiKey, inviteRuns: settings.inviteRuns, inviteAddresses: INVITE_ADDRESSES }, onPostgres, measuring);
    }
    if (postgres) {
      say('one Launchpad process against two on PostgreSQL…');
      processes = await compareProcesses({ ...on, cases: (x) => pageCases(x).filter((p) => p.usersTarget) }, measuring);
    }

    // The breakdown comes from a server of its own with SERVER_TIMING=true: the load runs above measured
    // the server as operators run it, without the timing hook.
    say(`breaking the pages' time down (SERVER_TIMING=true, ${settings.breakdownRuns} requests each, one at a time)…`);
    const timingPort = await freePort();
    const timed = await startServerProcess({
      name: 'launchpad (SERVER_TIMING)', entry: binary, executable: true, args: ['serve'],
      env: { ...appEnv, PORT: String(timingPort), LAUNCHPAD_TMPDIR: dir, SERVER_TIMING: 'true' }, port: timingPort, logFile: join(dir, 'server-timing.log'), readyPath: '/healthz',
    });
    children.push(timed);
    const breakdown = await breakDownPages(
      timed.baseUrl,
      cookie,
      pageCases(ctx).map((c) => ({ name: c.name, path: c.spec.requests[0]!.path })),
      { acceptEncoding: ACCEPT_ENCODING, runs: settings.breakdownRuns, warmup: 5 },
    );
    say(`  ${timed.name}: ${await timed.stop()}`);
    children.length = 0;

    say('profiling the pages\' queries in-process…');
    const profileOn = (databaseUrl: string) =>
      profilePages(databaseUrl, {
        env: appEnv,
        pages: pageCases(ctx).map((c) => ({ name: c.name, path: c.spec.requests[0]!.path })),
        email: seed.adminEmail,
        password: seed.password,
      });
    const pages = await profileOn(plan.primary === 'sqlite' ? dbPath : appEnv.DATABASE_URL);
    const postgresPages = postgres && plan.compare ? await profileOn(postgres.url) : [];

    const cpuList = cpus();
    const { main: report, appendix } = renderReport({
      date,
      cpus: { count: cpuList.length, model: cpuList[0]?.model.trim() ?? 'unknown' },
      node: process.version,
      loadBefore,
      loadAfter: loadavg(),
      source: describeSource(sourceBefore, sourceState(REPO_ROOT), process.env.BENCH_SOURCE_NOTE),
      settings,
      server: {
        pid: app.pid,
        command: 'dist/launchpad serve (npm run build)',
        env: { ...appEnv, LAUNCHPAD_TMPDIR: '<temp>', DATABASE_URL: plan.primary === 'sqlite' ? 'file:<temp>/launchpad.db' : 'postgres://…/<a database of its own>', SECRET_KEY: '<random, 43 chars>' },
      },
      dbBytes,
      seed,
      hash,
      hello: helloRow,
      cases: rows,
      invite,
      apiInvite,
      bulk,
      scim,
      inviteRssKb,
      runPeakRssKb,
      vmHwmKb,
      idleRssKb,
      pages,
      breakdown,
      generator,
      engines: { primary: plan.primary, why: plan.why, copy, postgresPid: secondary?.pid ?? null, postgres: secondary, processes, postgresPages },
      floor,
    });
    const resultsDir = join(REPO_ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'latest.md'), `${report}\n${appendix}`);
    process.stdout.write(`${report}\n(Query plans and per-statement times: bench/results/latest.md.)\n`);
    failed = false;
    return 0;
  } finally {
    await stopAll();
    await postgres?.drop().catch((err: unknown) => say(`could not drop ${postgres!.name}: ${String(err)}`));
    if (settings.keep || failed) say(`kept ${dir} (database, server.log, hello.log)${failed ? ' for a look at what failed' : ''}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
