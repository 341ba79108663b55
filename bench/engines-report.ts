// The report's PostgreSQL sections: how the copy went, the same cases' table on PostgreSQL, each page's
// one-connection p50 on both engines side by side, and one process against two; and the issue's targets
// for them (every page within 2× of SQLite's p50 at one connection; two processes serve more than one).
import type { EngineRun, ProcessesRow } from './engine-phase.js';
import type { BenchEngine, CopyReport } from './engines.js';
import type { PageProfile } from './profile-pages.js';
import type { CaseRow } from './report.js';

export interface EnginesReport {
  primary: BenchEngine;
  why: string;
  copy: CopyReport | null;
  /** The cases once more on PostgreSQL (BENCH_ENGINE=both). */
  postgres: EngineRun | null;
  postgresPid: number | null;
  processes: ProcessesRow[] | null;
  /** The in-process profile on PostgreSQL too (BENCH_ENGINE=both), for the appendix. */
  postgresPages?: PageProfile[];
}

/** Issue 13's targets. */
export const ENGINE_TARGETS = { postgresP50OfSqlite: 2 };

const n0 = (n: number) => Math.round(n).toLocaleString('en-US');
const n1 = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const lat = (n: number) => (n < 10 ? n.toFixed(2) : n >= 100 ? n0(n) : n1(n));
const secs = (n: number) => `${(n / 1000).toFixed(2)} s`;

/** Pages measured at one connection on both engines: [page, SQLite's row, PostgreSQL's row]. */
function pairs(sqlite: CaseRow[], postgres: EngineRun): Array<[CaseRow, CaseRow]> {
  return sqlite.flatMap((s) => {
    const p = postgres.rows.find((r) => r.name === s.name);
    return s.single && p?.single ? [[s, p] as [CaseRow, CaseRow]] : [];
  });
}

const ratio = (s: CaseRow, p: CaseRow) => p.single!.p50 / Math.max(s.single!.p50, 0.001);

export function engineSections(e: EnginesReport | undefined, sqliteRows: CaseRow[], caseLine: (row: CaseRow) => string, tableHead: string[]): string[] {
  if (!e) return [];
  const out: string[] = [];
  if (e.copy) {
    const rows = e.copy.tables.reduce((a, t) => a + t.rows, 0);
    out.push('## PostgreSQL');
    out.push('');
    out.push(
      `Engines: ${e.why}. The seeded SQLite database was copied into a PostgreSQL database of the run's own with \`launchpad copy-db --to …\` ` +
        `(${n0(rows)} rows in ${e.copy.tables.length} tables, ${secs(e.copy.ms)}), before any server started, so both engines start from the same rows; ` +
        'the Launchpad then ran on it as the same binary with the same settings (DATABASE_POOL_MAX at its default of 10), on the same machine as the PostgreSQL server.',
    );
    out.push('');
  }
  const pg = e.postgres;
  if (pg) {
    out.push(`### The same cases on PostgreSQL (pid ${pg.pid})`);
    out.push('');
    out.push(...tableHead);
    for (const row of pg.rows) out.push(caseLine(row));
    out.push('');
    out.push(
      `Bulk invite of ${n0(pg.invite.addresses)} addresses: median ${secs(pg.invite.medianMs)} (${pg.invite.runs.map((r) => secs(r.ms)).join(', ')}); ` +
        `over the API: median ${secs(pg.apiInvite.medianMs)} (${pg.apiInvite.runs.map((r) => secs(r.ms)).join(', ')}).`,
    );
    out.push('');
    out.push('### Each page at one connection, SQLite and PostgreSQL');
    out.push('');
    const all = pairs(sqliteRows, pg);
    const rounds = all.find(([s, p]) => s.singleRounds && p.singleRounds)?.[0].singleRounds?.length;
    if (rounds) {
      out.push(
        `Page by page, in ${rounds} alternating rounds (SQLite, PostgreSQL, SQLite, …), both databases holding the same rows, so the machine's ` +
          "drift over minutes falls on both engines alike; each engine's p50 is its median round's, and every round's p50 is listed.",
      );
      out.push('');
    }
    out.push(`| page | SQLite p50 ms | PostgreSQL p50 ms | PostgreSQL / SQLite |${rounds ? ' rounds: SQLite; PostgreSQL |' : ''}`);
    out.push(`|---|--:|--:|--:|${rounds ? '---|' : ''}`);
    const each = (r: CaseRow) => (r.singleRounds ?? []).map((x) => lat(x.p50)).join(', ');
    for (const [s, p] of all) out.push(`| ${s.name} | ${lat(s.single!.p50)} | ${lat(p.single!.p50)} | ${ratio(s, p).toFixed(2)}× |${rounds ? ` ${each(s)}; ${each(p)} |` : ''}`);
    out.push('');
  }
  if (e.processes) {
    out.push('### One process or two, on PostgreSQL');
    out.push('');
    out.push(
      'The same wrk load (same connections, two threads) against one Launchpad process, then against two on the same database: for two, ' +
        'each wrk thread keeps its connections to one process, so each process gets half of them, as a balancer without sticky sessions ' +
        'spreads connections (without the balancer\'s own CPU on this machine). The machine\'s CPUs are shared by the processes, PostgreSQL and wrk.',
    );
    out.push('');
    out.push('| case | request | one process req/s | p50 ms | two processes req/s | p50 ms | two / one | errors (one, two) |');
    out.push('|---|---|--:|--:|--:|--:|--:|--:|');
    for (const r of e.processes) {
      out.push(
        `| ${r.name} | \`${r.request}\` | ${n1(r.one.requestsPerSec)} | ${lat(r.one.p50)} | ${n1(r.two.requestsPerSec)} | ${lat(r.two.p50)} | ` +
          `${(r.two.requestsPerSec / Math.max(r.one.requestsPerSec, 0.001)).toFixed(2)}× | ${n0(r.one.errors)}, ${n0(r.two.errors)} |`,
      );
    }
    out.push('');
  }
  return out;
}

export function engineTargetLines(e: EnginesReport | undefined, sqliteRows: CaseRow[], verdict: (ok: boolean) => string): string[] {
  if (!e) return [];
  const lines: string[] = [];
  if (e.postgres) {
    const all = pairs(sqliteRows, e.postgres);
    const over = all.filter(([s, p]) => ratio(s, p) > ENGINE_TARGETS.postgresP50OfSqlite);
    const worst = [...all].sort((x, y) => ratio(y[0], y[1]) - ratio(x[0], x[1]))[0];
    lines.push(
      `- PostgreSQL: every page's p50 at one connection within 2× of SQLite's: ${verdict(all.length > 0 && over.length === 0)} ` +
        `(${all.length} pages; ${over.length ? `over: ${over.map(([s, p]) => `${s.name} ${ratio(s, p).toFixed(2)}×`).join(', ')}` : `highest ${worst ? `${worst[0].name}, ${ratio(worst[0], worst[1]).toFixed(2)}×` : 'n/a'}`})`,
    );
    const errors = e.postgres.rows.reduce((a, r) => a + r.result.errors, 0);
    lines.push(`- PostgreSQL: 0 errors: ${verdict(errors === 0)} (${errors === 0 ? 'none' : e.postgres.rows.filter((r) => r.result.errors).map((r) => `${r.name}: ${n0(r.result.errors)}`).join('; ')})`);
  }
  if (e.processes) {
    const more = e.processes.filter((r) => r.two.requestsPerSec > r.one.requestsPerSec);
    lines.push(
      `- PostgreSQL: two processes serve more requests/s than one: ${verdict(e.processes.length > 0 && more.length === e.processes.length)} ` +
        `(${e.processes.map((r) => `${r.name}: ${n1(r.two.requestsPerSec)} against ${n1(r.one.requestsPerSec)}`).join('; ')})`,
    );
  }
  return lines;
}
