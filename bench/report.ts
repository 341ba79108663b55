// The Markdown report: the machine, the seed, one row per case with its ratio to hello-world, the targets
// met or missed, and the query plans behind the pages.
import type { PageBreakdown } from './breakdown.js';
import { engineSections, engineTargetLines, type EnginesReport } from './engines-report.js';
import type { PageProfile } from './profile-pages.js';
import { msPerRequest, type FloorRows } from './floor-cases.js';
import type { HashCost } from './hash-cost.js';
import type { InviteTiming } from './invite-timing.js';
import { bulkTableRows, bulkTargetLines, type BulkActionTiming } from './bulk-cases.js';
import type { LoadResult } from './load.js';
import { scimResultRows, scimTargets, type ScimBench } from './scim-cases.js';
import type { SeedResult } from './seed.js';
import { singleRoundDuration, type BenchSettings } from './settings.js';

export interface CaseRow {
  name: string;
  request: string;
  usersTarget: boolean;
  note?: string;
  expectedStatus: number;
  result: LoadResult;
  /** Users-tab cases: the same requests over one connection. */
  single?: LoadResult;
  /** The one-connection rounds `single` is the median of, when they alternated with the other engine's. */
  singleRounds?: LoadResult[];
  used?: number;
}

export interface Report {
  date: Date;
  cpus: { count: number; model: string };
  node: string;
  loadBefore: number[];
  loadAfter: number[];
  /** Which code was measured. */
  source: string;
  settings: BenchSettings;
  server: { pid: number; command: string; env: Record<string, string> };
  dbBytes: number;
  seed: SeedResult;
  hash: HashCost;
  hello: CaseRow;
  cases: CaseRow[];
  invite: InviteTiming;
  /** The same 1,000 addresses through POST /api/v1/invitations. */
  apiInvite: InviteTiming;
  /** The Users tab's bulk actions (bench/bulk-cases.ts). */
  bulk?: BulkActionTiming[];
  /** Issue 15's SCIM lookup and creates. */
  scim: ScimBench;
  inviteRssKb: number;
  runPeakRssKb: number;
  vmHwmKb: number | null;
  idleRssKb: { app: number; hello: number };
  pages: PageProfile[];
  breakdown: PageBreakdown[];
  generator: string;
  /** Which engine the main run used, and the PostgreSQL phases. */
  engines?: EnginesReport;
  /** The floor under the Users tab's first page (bench/floor.ts); null when the main run was on PostgreSQL. */
  floor?: FloorRows | null;
}

/** Issue 12's targets (and the bulk invite's from before). */
export const TARGETS = { shareOfHello: 0.02, usersP50SingleMs: 1, usersP99Ms: 100, inviteMs: 1_000, apiInviteMs: 200, peakRssMb: 150, usersHtmlKb: 30, usersWireKb: 8 };

const n0 = (n: number) => Math.round(n).toLocaleString('en-US');
const n1 = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const mb = (kb: number) => kb / 1024;
const ms = (n: number) => (n >= 100 ? n0(n) : n1(n));
/** wrk reports latencies to the microsecond; autocannon in whole milliseconds. */
const lat = (n: number) => (n < 10 ? n.toFixed(2) : ms(n));
const kb = (bytes: number) => n1(bytes / 1024);
const pct = (x: number) => `${(x * 100).toFixed(x >= 0.01 ? 1 : 2)}%`;
const secs = (n: number) => `${(n / 1000).toFixed(2)} s`;

function errorText(row: CaseRow): string {
  const r = row.result;
  if (r.errors === 0) return '0';
  const parts = Object.entries(r.statuses)
    .filter(([code]) => code !== String(row.expectedStatus))
    .map(([code, count]) => `${count}×${code}`);
  if (r.timeouts) parts.push(`${r.timeouts}×time-out`);
  if (r.socketErrors) parts.push(`${r.socketErrors}×socket error`);
  return `**${n0(r.errors)}** (${parts.join(', ')})`;
}

function ratio(row: CaseRow, hello: CaseRow): number {
  return hello.result.requestsPerSec > 0 ? row.result.requestsPerSec / hello.result.requestsPerSec : 0;
}

function caseLine(row: CaseRow, hello: CaseRow): string {
  const r = row.result;
  const x = ratio(row, hello);
  const share = row === hello ? '1 (baseline)' : pct(x);
  const single = row.single ? `${lat(row.single.p50)}${row.single.errors ? ` (${n0(row.single.errors)} errors)` : ''}` : '';
  return `| ${row.name} | \`${row.request}\` | ${n1(r.requestsPerSec)} | ${lat(r.p50)} | ${lat(r.p99)} | ${single} | ${errorText(row)} | ${share} | ${row === hello ? '(its own process) | ' : `${n1(mb(r.peakRssKb))} | ${n1(mb(r.peakAnonKb))}`} |`;
}

export function targetLines(rep: Report): { lines: string[]; allMet: boolean } {
  const lines: string[] = [];
  let allMet = true;
  const verdict = (ok: boolean) => {
    allMet &&= ok;
    return ok ? '**met**' : '**missed**';
  };
  for (const row of rep.cases.filter((c) => c.expectedStatus === 200)) {
    const share = ratio(row, rep.hello);
    const shareText = `${pct(share)} = ${n1(row.result.requestsPerSec)} of ${n1(rep.hello.result.requestsPerSec)} req/s`;
    const shareNeed = share > 0 ? `, ${(TARGETS.shareOfHello / share).toFixed(1)}× to go` : '';
    if (!row.usersTarget) {
      const ok = share >= TARGETS.shareOfHello;
      lines.push(`- ${row.name}: ≥ 2% of hello-world's requests/s: ${verdict(ok)} (${shareText}${ok ? '' : shareNeed})`);
      continue;
    }
    const p50 = row.single?.p50 ?? Number.POSITIVE_INFINITY;
    const ok = share >= TARGETS.shareOfHello && p50 <= TARGETS.usersP50SingleMs && row.result.p99 <= TARGETS.usersP99Ms;
    lines.push(
      `- ${row.name}: ≥ 2% of hello-world's requests/s, p50 ≤ 1 ms at one connection, p99 ≤ 100 ms at ${rep.settings.connections}: ${verdict(ok)} ` +
        `(${shareText}${share >= TARGETS.shareOfHello ? '' : shareNeed}; p50 ${lat(p50)} ms; p99 ${ms(row.result.p99)} ms)`,
    );
  }
  const first = rep.breakdown.find((b) => b.path === '/users');
  if (first) {
    const wire = Math.min(first.brBytes, first.gzipBytes);
    lines.push(`- Users page ≤ 30 KB of HTML: ${verdict(first.htmlBytes <= TARGETS.usersHtmlKb * 1024)} (${kb(first.htmlBytes)} KB)`);
    lines.push(
      `- Users page ≤ 8 KB on the wire: ${verdict(wire <= TARGETS.usersWireKb * 1024)} (${kb(first.brBytes)} KB with brotli, ${kb(first.gzipBytes)} KB with gzip)`,
    );
  }
  const worst = Math.max(...rep.invite.runs.map((r) => r.ms));
  lines.push(
    `- Bulk invite of ${n0(rep.invite.addresses)} addresses ≤ 1 s: ${verdict(rep.invite.medianMs <= TARGETS.inviteMs)} ` +
      `(median ${secs(rep.invite.medianMs)}, worst ${secs(worst)}, over ${rep.invite.runs.length} submissions)`,
  );
  lines.push(
    `- API bulk create of ${n0(rep.apiInvite.addresses)} addresses ≤ 200 ms: ${verdict(rep.apiInvite.medianMs <= TARGETS.apiInviteMs)} ` +
      `(median ${secs(rep.apiInvite.medianMs)}, worst ${secs(Math.max(...rep.apiInvite.runs.map((r) => r.ms)))})`,
  );
  lines.push(...bulkTargetLines(rep.bulk ?? [], verdict));
  const apiUsers = rep.cases.find((c) => c.request.startsWith('GET /api/v1/users'));
  const tab = rep.cases.find((c) => c.usersTarget);
  if (apiUsers && tab) {
    lines.push(
      `- GET /api/v1/users (first 50) ≥ the Users tab's req/s: ${verdict(apiUsers.result.requestsPerSec >= tab.result.requestsPerSec)} ` +
        `(${apiUsers.result.requestsPerSec.toFixed(1)} against ${tab.result.requestsPerSec.toFixed(1)})`,
    );
  }
  for (const t of scimTargets(rep.scim)) lines.push(`- ${t.text}: ${verdict(t.ok)} (${t.detail})`);
  const peakKb = Math.max(rep.runPeakRssKb, rep.vmHwmKb ?? 0);
  const worstCase = [...rep.cases].sort((a, b) => b.result.peakRssKb - a.result.peakRssKb)[0];
  lines.push(
    `- Peak RSS during the run ≤ 150 MB: ${verdict(mb(peakKb) <= TARGETS.peakRssMb)} ` +
      `(sampled peak ${n1(mb(rep.runPeakRssKb))} MB, VmHWM ${rep.vmHwmKb === null ? 'n/a' : `${n1(mb(rep.vmHwmKb))} MB`}; ` +
      `highest case: ${worstCase ? `${worstCase.name}, ${n1(mb(worstCase.result.peakRssKb))} MB` : 'n/a'})`,
  );
  lines.push(...engineTargetLines(rep.engines, rep.cases, verdict));
  const loadErrors = [rep.hello, ...rep.cases].reduce((a, c) => a + c.result.errors, 0);
  const inviteErrors = rep.invite.runs.filter((r) => r.status !== 200 || r.created !== rep.invite.addresses).length;
  const where = [rep.hello, ...rep.cases].filter((c) => c.result.errors > 0).map((c) => `${c.name}: ${n0(c.result.errors)}`);
  if (inviteErrors) where.push(`bulk invite: ${inviteErrors} failed submissions`);
  lines.push(`- 0 errors: ${verdict(loadErrors + inviteErrors === 0)} (${loadErrors + inviteErrors === 0 ? 'none' : where.join('; ')})`);
  return { lines, allMet };
}

function breakdownSection(pages: PageBreakdown[]): string[] {
  if (pages.length === 0) return [];
  const runs = pages[0]!.runs;
  const out = [
    '## Where a page\'s time goes (the server\'s own Server-Timing)',
    '',
    `The Launchpad started once more with SERVER_TIMING=true after the load runs, each page requested ${runs} times one at a time (brotli accepted); ` +
      'medians of what the server measured. Session is the session middleware with its own queries; queries are all of the request\'s ' +
      '(their count, and their time from compilation to rows); render is the JSX becoming HTML; other is the rest of the server\'s time ' +
      '(routing, the other middleware, the use case\'s JavaScript around the queries).',
    '',
    '| page | total ms | session ms (of it queries) | queries | queries ms | render ms | compression ms | other ms | HTML KB | brotli KB | gzip KB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  const f = (n: number) => n.toFixed(2);
  for (const p of pages) {
    out.push(
      `| ${p.name} | ${f(p.totalMs)} | ${f(p.sessionMs)} (${f(p.sessionQueryMs)}) | ${p.queries} | ${f(p.queryMs)} | ${f(p.renderMs)} | ${f(p.compressMs)} | ${f(p.otherMs)} | ${kb(p.htmlBytes)} | ${kb(p.brBytes)} | ${kb(p.gzipBytes)} |`,
    );
  }
  out.push('');
  return out;
}

function floorSection(rep: Report): string[] {
  const floor = rep.floor;
  const tab = rep.cases.find((c) => c.request === 'GET /users');
  if (!floor || !tab) return [];
  const f = (n: number) => n.toFixed(3);
  const perRequest = (row: CaseRow) => msPerRequest(row.result.requestsPerSec);
  const line = (row: CaseRow) =>
    `| ${row.name} | ${n1(row.result.requestsPerSec)} | ${lat(row.result.p50)} | ${lat(row.result.p99)} | ${errorText(row)} | ${row === rep.hello ? '1 (baseline)' : pct(ratio(row, rep.hello))} | ${f(perRequest(row))} |`;
  const [bytes, withStatements, launchpad] = [perRequest(floor.page), perRequest(floor.statements), perRequest(tab)];
  const allowed = msPerRequest(rep.hello.result.requestsPerSec * TARGETS.shareOfHello);
  return [
    '## The floor under the Users tab (same run)',
    '',
    '`bench/floor.ts`, a process of its own like hello-world: Hono on @hono/node-server serving the first Users page\'s HTML as the Launchpad sent it ' +
      `(${kb(floor.htmlBytes)} KB), compressed per request with the Launchpad's own settings; in its second case, after the ${floor.statementCount} read statements ` +
      'the Launchpad ran for that page (their SQL and parameters from its query log), through prepared better-sqlite3 statements' +
      `${floor.skipped ? ` (${floor.skipped} statements left out: not plain reads)` : ''}. No Kysely, no middleware, no rendering: ` +
      'the least any server on this stack spends to answer with that page after those statements.',
    '',
    `| case | req/s | p50 ms | p99 ms | errors | vs hello-world | ms per request (1,000 / req/s) |`,
    '|---|--:|--:|--:|--:|--:|--:|',
    line(rep.hello),
    line(floor.page),
    line(floor.statements),
    line(tab),
    '',
    `The server is one thread, so 1,000 / req/s is the time each request holds it. Per request: the bytes take ${f(bytes)} ms, the statements add ${f(withStatements - bytes)} ms, and the Launchpad's own work ` +
      `(Kysely, the middleware, the session's checks, rendering) adds ${f(launchpad - withStatements)} ms. ` +
      `${pct(TARGETS.shareOfHello)} of hello-world leaves ${f(allowed)} ms a request: ` +
      (withStatements >= allowed
        ? 'the floor alone takes more.'
        : `${f(allowed - withStatements)} ms for all of the Launchpad's own work, against the ${f(launchpad - withStatements)} ms it takes now.`),
    '',
  ];
}

/** Each page's statements, their times and plans, from the in-process profile of one engine. */
function pagesAppendix(pages: PageProfile[], engineName: 'SQLite' | 'PostgreSQL', title: string): string[] {
  const out: string[] = [];
  out.push(`## Where the page time goes (in-process, after the run${title})`);
  out.push('');
  out.push(
    'The app itself (`createApp` with its real routes, views and queries) in the benchmark process on the same database, one request at a time ' +
      `through \`app.request\`, with a Kysely that logs every statement: the request's time (median of 3), its time inside ${engineName}, and the ` +
      `slowest statements with ${engineName === 'SQLite' ? '`EXPLAIN QUERY PLAN`' : '`EXPLAIN (ANALYZE, BUFFERS)` (reads; `EXPLAIN` for writes)'}. ` +
      'Without HTTP and without concurrency, so it shows the cost of one request.',
  );
  for (const pg of pages) {
    out.push('');
    out.push(`### ${pg.name}: ${ms(pg.medianMs)} ms`);
    out.push('');
    out.push(
      `\`GET ${pg.path}\` → ${pg.status}, ${n1(pg.bytes / 1024)} KB. ${pg.statements.length} statements, ${ms(pg.sqlMs)} ms in ${engineName}; ` +
        `the other ${ms(Math.max(0, pg.medianMs - pg.sqlMs))} ms is middleware, JavaScript around the queries and rendering.`,
    );
    const shown = pg.statements.filter((q, i) => i < 3 || q.ms >= 1);
    for (const q of shown) {
      const short = q.sql.length > 120 ? `${q.sql.slice(0, 120)}…` : q.sql;
      out.push('');
      out.push(`**${ms(q.ms)} ms** \`${short}\``);
      out.push('');
      out.push('```');
      out.push(...q.plan);
      out.push('```');
      if (q.sql.length > 120) {
        out.push('');
        out.push(`<details><summary>full SQL</summary>\n\n\`\`\`sql\n${q.sql}\n\`\`\`\n\n</details>`);
      }
    }
    const rest = pg.statements.slice(shown.length);
    if (rest.length) {
      out.push('');
      out.push(`(${rest.length} more statements, ${ms(rest.reduce((a, q) => a + q.ms, 0))} ms together.)`);
    }
  }
  return out;
}

export function renderReport(rep: Report): { main: string; appendix: string } {
  const s = rep.settings;
  const seed = rep.seed;
  const out: string[] = [];
  out.push(`# Launchpad benchmark, ${rep.date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`);
  out.push('');
  out.push(`- Code: ${rep.source}`);
  out.push(`- Machine: ${rep.cpus.count} CPUs, ${rep.cpus.model}; Node ${rep.node}.`);
  out.push(
    `- Load average (1, 5, 15 min): ${rep.loadBefore.map((l) => l.toFixed(2)).join(', ')} before, ${rep.loadAfter.map((l) => l.toFixed(2)).join(', ')} after. ` +
      'The load generator runs in a process of its own but shares these CPUs with the server, and other work on the machine ' +
      '(for example browser tests) may run at the same time: the figures are noisy; compare ratios rather than absolute numbers.',
  );
  out.push(
    `- Load: ${rep.generator}, ${s.connections} connections, ${s.warmup} s warm-up (discarded) then ${s.duration} s measured per case, ` +
      `per-request time-out ${s.timeout} s, no pipelining; pages requested with \`Accept-Encoding: gzip, deflate, br, zstd\`, as a browser does. ` +
      `The Users-tab cases once more over one connection (${s.singleDuration} s) for their p50` +
      (rep.cases.some((r) => r.singleRounds)
        ? `; comparing engines, every page in ${s.singleRounds} rounds of ${singleRoundDuration(s)} s alternating with PostgreSQL, the median round's p50 reported. `
        : '. ') +
      'An error is any status but the expected one (200 for pages, 303 for the sign-in and accept POSTs), a socket error or a time-out; ' +
      'for hello-world, which the generator drives at its full speed, any status ≥ 400.',
  );
  out.push(`- Server: \`${rep.server.command}\` (pid ${rep.server.pid}), ${Object.entries(rep.server.env).map(([k, v]) => `${k}=${v}`).join(', ')}.`);
  if (s.scale !== 1) out.push(`- **Smoke run: BENCH_SCALE=${s.scale}, the database is not the issue's size.**`);
  out.push('');
  out.push('## Seeded database');
  out.push('');
  const p = seed.usersByProfile;
  out.push(
    `${n0(p.designer + p.explorer + p.reader)} users (${n0(p.designer)} designers, ${n0(p.explorer)} explorers, ${n0(p.reader)} readers; the owner and ` +
      `${seed.adminCount - 1} more space admins), ${n0(seed.invitations.pending)} pending invitations (${n0(seed.invitations.expired)} of them expired; ` +
      `${n0(seed.invitations.groupRows)} invitation groups), ${n0(seed.groupsBySize.length + 1)} groups (largest ${seed.groupsBySize.slice(0, 3).map((g) => n0(g.size)).join(', ')}… members), ` +
      `${Object.values(seed.auditByAction).reduce((a, b) => a + b, 0).toLocaleString('en-US')} audit events. Database file: ${n1(rep.dbBytes / 2 ** 20)} MB. ` +
      'Every member shares one password hash made with the app\'s hasher; invitation secrets are derived with the server\'s SECRET_KEY.',
  );
  out.push('');
  out.push('| step | rows | time |');
  out.push('|---|---|--:|');
  for (const t of seed.timings) out.push(`| ${t.step} | ${t.rows} | ${secs(t.ms)} |`);
  out.push(`| **total** | | **${secs(seed.totalMs)}** |`);
  out.push('');
  out.push(rep.engines ? `## Results (${rep.engines.primary === 'sqlite' ? 'SQLite' : 'PostgreSQL'})` : '## Results');
  out.push('');
  const tableHead = [
    `| case | request | req/s | p50 ms | p99 ms | p50 ms, 1 connection | errors | vs hello-world | peak RSS MB | of it anonymous MB |`,
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  out.push(...tableHead);
  out.push(caseLine(rep.hello, rep.hello));
  for (const row of rep.cases) out.push(caseLine(row, rep.hello));
  const inv = rep.invite;
  out.push(
    `| Bulk invite of ${n0(inv.addresses)} new addresses (one submission, timed; not a load run) | \`POST /users/invite\` (reader, ${inv.groups.length} groups) | – | median ${ms(inv.medianMs)} | worst ${ms(Math.max(...inv.runs.map((r) => r.ms)))} | | ` +
      `${inv.runs.filter((r) => r.status !== 200 || r.created !== inv.addresses).length} | – | ${n1(mb(rep.inviteRssKb))} | |`,
  );
  const api = rep.apiInvite;
  out.push(
    `| API bulk create of ${n0(api.addresses)} new addresses (one request, timed; not a load run) | \`POST /api/v1/invitations\` (reader, ${api.groups.length} groups) | – | median ${ms(api.medianMs)} | worst ${ms(Math.max(...api.runs.map((r) => r.ms)))} | | ` +
      `${api.runs.filter((r) => r.status !== 200 || r.created !== api.addresses).length} | – | | |`,
  );
  out.push(...bulkTableRows(rep.bulk ?? []));
  out.push(...scimResultRows(rep.scim));
  out.push('');
  for (const c of rep.cases.filter((c) => c.note)) {
    out.push(`- ${c.name}: ${c.note} (the server runs with TRUST_PROXY=true)${c.used === undefined ? '' : `; ${n0(c.used)} used, warm-up included`}.`);
  }
  out.push(`- Idle RSS right after start: Launchpad ${n1(mb(rep.idleRssKb.app))} MB, hello-world ${n1(mb(rep.idleRssKb.hello))} MB (the Launchpad as the single binary, hello-world through the tsx loader).`);
  out.push('');
  out.push(
    `**Bulk invite**, each submission: ${inv.runs.map((r, i) => `#${i + 1} ${secs(r.ms)} (HTTP ${r.status}, ${n0(r.created)} invitations written${r.drainMs === null ? ', outbox not drained' : `; the worker then delivered them to the log in ${secs(r.drainMs)}`})`).join('; ')}. ` +
      'The timing covers validation, the transaction (invitations, their groups, outbox rows, audit events) and the result page, not the delivery; the next submission waited for the outbox to drain.',
  );
  out.push('');
  const h = rep.hash;
  out.push(
    `**Password hash** (${h.params}, ${h.memoryMiB} MiB of memory per call; measured in the benchmark process, ${h.hashMs.length} runs): hash median ${ms(h.hashMedianMs)} ms ` +
      `(${h.hashMs.map(ms).join(', ')}), verify median ${ms(h.verifyMedianMs)} ms (${h.verifyMs.map(ms).join(', ')}). ` +
      `The app runs at most ${h.concurrency} at once (one per core but one, so the event loop keeps a core; the libuv thread pool has ${h.threadpool} threads): up to ${h.concurrency * h.memoryMiB} MiB for hashing alone.`,
  );
  out.push('');
  out.push(
    `**Memory** (server VmRSS sampled every 100 ms): run peak ${n1(mb(rep.runPeakRssKb))} MB; VmHWM at the end ${rep.vmHwmKb === null ? 'n/a' : `${n1(mb(rep.vmHwmKb))} MB`}. Per case in the table. ` +
      'VmRSS counts the pages of the executable itself that the process has touched (RssFile: Node and the bundled code, about 70 MB for the single binary, shared and reclaimable); "of it anonymous" is RssAnon, the memory the process allocated.',
  );
  out.push('');
  out.push(...engineSections(rep.engines, rep.cases, (row) => caseLine(row, rep.hello), tableHead));
  out.push(...breakdownSection(rep.breakdown));
  out.push(...floorSection(rep));
  out.push('## Targets');
  out.push('');
  out.push(...targetLines(rep).lines);
  out.push('');
  const main = out.join('\n');
  out.length = 0;
  out.push(...pagesAppendix(rep.pages, rep.engines?.primary === 'postgres' ? 'PostgreSQL' : 'SQLite', ''));
  if (rep.engines?.postgresPages?.length) out.push('', ...pagesAppendix(rep.engines.postgresPages, 'PostgreSQL', ', PostgreSQL'));
  out.push('');
  return { main, appendix: out.join('\n') };
}
