// How far the Users tab is from the floor of its stack, in the same run as hello-world: bench/floor.ts
// serves the first page's HTML (as the Launchpad sent it) and runs the page's read statements (as the
// Launchpad ran them, from its query log), with none of the Launchpad's own code. The rates turn into a
// core's time per request: what the bytes cost, what the statements add, what the Launchpad adds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCEPT_ENCODING, type LoadCase } from './cases.js';
import type { PageProfile } from './profile-pages.js';
import type { CaseRow } from './report.js';
import { freePort, startServerProcess, type ServerProcess } from './server-process.js';

/** What bench/floor.ts reads at start (FLOOR_INPUT): the page as sent, and its reads as run. */
export interface FloorInput {
  html: string;
  statements: { sql: string; params: PlainParam[] }[];
}

export interface FloorRows {
  /** The page's bytes only, compressed per request. */
  page: CaseRow;
  /** The same after the page's read statements. */
  statements: CaseRow;
  statementCount: number;
  /** Statements of the page left out: writes, or parameters that are not plain values. */
  skipped: number;
  htmlBytes: number;
}

type PlainParam = string | number | null;
const plain = (params: readonly unknown[]): params is PlainParam[] =>
  params.every((p) => p === null || typeof p === 'string' || (typeof p === 'number' && Number.isFinite(p)));

/** The page's reads, as the Launchpad ran them; a write (none on a GET, but for a session's hourly touch) is left out. */
export function floorStatements(profile: PageProfile): { statements: FloorInput['statements']; skipped: number } {
  const statements: FloorInput['statements'] = [];
  let skipped = 0;
  for (const s of profile.statements) {
    if (/^\s*(select|with)\b/i.test(s.sql) && plain(s.params)) statements.push({ sql: s.sql, params: s.params });
    else skipped += 1;
  }
  return { statements, skipped };
}

async function pageHtml(baseUrl: string, path: string, cookie: string): Promise<string> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie, 'accept-encoding': 'identity' }, redirect: 'manual' });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, not 200: the floor needs the page as the Launchpad sends it`);
  return html;
}

const floorCase = (name: string, path: string): LoadCase => ({
  name,
  request: `GET ${path} (bench/floor.ts)`,
  usersTarget: false,
  spec: { requests: [{ method: 'GET', path, headers: { 'accept-encoding': ACCEPT_ENCODING } }], expectedStatus: 200 },
});

export async function measureFloor(o: {
  app: ServerProcess;
  cookie: string;
  path: string;
  profile: PageProfile;
  dbPath: string;
  dir: string;
  children: ServerProcess[];
  row: (c: LoadCase, server: ServerProcess) => Promise<CaseRow>;
  say: (line: string) => void;
}): Promise<FloorRows> {
  const html = await pageHtml(o.app.baseUrl, o.path, o.cookie);
  const htmlBytes = Buffer.byteLength(html);
  const { statements, skipped } = floorStatements(o.profile);
  const inputFile = join(o.dir, 'floor-input.json');
  writeFileSync(inputFile, JSON.stringify({ html, statements } satisfies FloorInput));
  const port = await freePort();
  const floor = await startServerProcess({
    name: 'floor', entry: 'bench/floor.ts',
    env: { PORT: String(port), HOST: '127.0.0.1', FLOOR_INPUT: inputFile, FLOOR_DB: o.dbPath },
    port, logFile: join(o.dir, 'floor.log'), readyPath: '/page',
  });
  o.children.push(floor);
  o.say(`  floor pid ${floor.pid}: ${statements.length} statements of ${o.path}${skipped ? ` (${skipped} left out)` : ''}, ${htmlBytes} bytes of HTML`);
  try {
    const page = await o.row(floorCase(`Floor: ${o.path}'s HTML only, compressed per request`, '/page'), floor);
    const withStatements = await o.row(floorCase(`Floor: the same after ${o.path}'s ${statements.length} read statements`, '/page+statements'), floor);
    return { page, statements: withStatements, statementCount: statements.length, skipped, htmlBytes };
  } finally {
    o.say(`  floor: ${await floor.stop()}`);
    o.children.splice(o.children.indexOf(floor), 1);
  }
}

/** A core's time per request at a rate (the server is one thread, so 1/rate bounds it from above). */
export const msPerRequest = (requestsPerSec: number): number => (requestsPerSec > 0 ? 1000 / requestsPerSec : Number.NaN);
