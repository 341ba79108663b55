// SCIM's cases (issue 15): an identity provider looking a member up by userName, loaded over one connection
// for its p50, and an identity provider creating 10,000 users by POST, one request after the other, timed
// as a whole. Both with a key holding only the scim scope, made by `launchpad api-key create`. The report's
// rows and target lines for them are written here too, so bench/report.ts only places them.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createApiKey } from './api-cases.js';
import type { LoadCase } from './cases.js';
import type { LoadResult } from './load.js';

/** Issue 15's targets. */
export const SCIM_TARGETS = { filterP50SingleMs: 2, createUsers: 10_000, createMs: 60_000 };

const SCIM_JSON = 'application/scim+json';

export function createScimKey(binary: string, env: Record<string, string>): string {
  return createApiKey(binary, env, { name: 'bench-scim', scopes: 'scim' });
}

/** How many users the create case makes: 10,000 at the issue's size, fewer in a smoke run. */
export function scimCreateCount(scale: number): number {
  return Math.max(10, Math.round(SCIM_TARGETS.createUsers * scale));
}

function filterPath(email: string): string {
  return `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`;
}

export function scimFilterCase(key: string, email: string): LoadCase {
  const path = filterPath(email);
  return {
    name: 'SCIM: find a user by userName',
    request: `GET /scim/v2/Users?filter=userName eq "<a member's email>"`,
    note: 'with a bearer key holding the scim scope (checked, and its rate counter written, on every request), over one connection',
    usersTarget: false,
    spec: { requests: [{ method: 'GET', path, headers: { authorization: `Bearer ${key}`, accept: SCIM_JSON } }], expectedStatus: 200 },
  };
}

/** The filter finds exactly that member: a case that answered 200 with nobody in it would measure nothing. */
export async function checkScimFilter(baseUrl: string, key: string, email: string): Promise<void> {
  const res = await fetch(baseUrl + filterPath(email), { headers: { authorization: `Bearer ${key}` } });
  const body = (await res.json()) as { totalResults?: number; Resources?: Array<{ userName?: string }> };
  if (res.status !== 200 || body.totalResults !== 1 || body.Resources?.[0]?.userName?.toLowerCase() !== email.toLowerCase()) {
    throw new Error(`SCIM filter for ${email} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

export interface ScimCreateTiming {
  users: number;
  ms: number;
  /** Status → count; every one should be 201. */
  statuses: Record<string, number>;
  /** The slowest single request, in ms. */
  worstMs: number;
  /** CPU time the server process used meanwhile (user + system), in ms: unlike the wall time, not stretched by other work on the machine. */
  serverCpuMs: number;
  /** CPU time this process (the client sending the requests) used meanwhile, in ms: on the same machine as the server. */
  clientCpuMs: number;
}

/** A process's CPU time so far (utime + stime from /proc/<pid>/stat), in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  // After "pid (comm) ", utime and stime are the 12th and 13th fields, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * One POST on a kept-alive connection, answering its status once the body has been read. node:http rather
 * than fetch: the client shares the machine's CPUs with the server, and fetch cost it about 1.7 ms a request.
 */
function postJson(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POST /scim/v2/Users `count` times, each request sent once the one before has been answered. */
export async function timeScimCreates(baseUrl: string, key: string, count: number, serverPid: number): Promise<ScimCreateTiming> {
  const tag = randomBytes(3).toString('hex');
  const statuses: Record<string, number> = {};
  let worstMs = 0;
  const cpu0 = cpuMs(serverPid);
  const client0 = process.cpuUsage();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL('/scim/v2/Users', baseUrl);
  const headers = { authorization: `Bearer ${key}`, 'content-type': SCIM_JSON, 'accept-encoding': 'gzip, deflate, br' };
  const t0 = performance.now();
  for (let i = 1; i <= count; i++) {
    const r0 = performance.now();
    const status = await postJson(agent, url, headers, JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `scim.${tag}.${i}@idp.example`,
      displayName: `SCIM Bench ${i}`,
      externalId: `bench-${tag}-${i}`,
      active: true,
    }));
    worstMs = Math.max(worstMs, performance.now() - r0);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  const ms = performance.now() - t0;
  const client = process.cpuUsage(client0);
  agent.destroy();
  return { users: count, ms, statuses, worstMs, serverCpuMs: cpuMs(serverPid) - cpu0, clientCpuMs: (client.user + client.system) / 1000 };
}

export interface ScimBench {
  filter: { request: string; result: LoadResult };
  create: ScimCreateTiming;
}

const failures = (c: ScimCreateTiming) => c.users - (c.statuses['201'] ?? 0);
const statusText = (c: ScimCreateTiming) => Object.entries(c.statuses).map(([s, n]) => `${n.toLocaleString('en-US')}×${s}`).join(', ');

/** The Results table's rows (its columns: case, request, req/s, p50, p99, p50 at one connection, errors, vs hello, RSS, anonymous). */
export function scimResultRows(s: ScimBench): string[] {
  const f = s.filter.result;
  const c = s.create;
  return [
    `| SCIM: find a user by userName (one connection) | \`${s.filter.request}\` | ${f.requestsPerSec.toFixed(1)} | ${f.p50.toFixed(2)} | ${f.p99.toFixed(2)} | ${f.p50.toFixed(2)} | ${f.errors} | – | ${(f.peakRssKb / 1024).toFixed(1)} | ${(f.peakAnonKb / 1024).toFixed(1)} |`,
    `| SCIM: create ${c.users.toLocaleString('en-US')} users one at a time (timed as a whole; not a load run) | \`POST /scim/v2/Users\` | ${((c.users * 1000) / c.ms).toFixed(1)} | mean ${(c.ms / c.users).toFixed(2)} (server CPU ${(c.serverCpuMs / c.users).toFixed(2)}) | worst ${c.worstMs.toFixed(0)} | | ${failures(c)} | – | | |`,
  ];
}

/** Issue 15's two targets: what each asks, whether it was met, and the figures. */
export function scimTargets(s: ScimBench): Array<{ text: string; ok: boolean; detail: string }> {
  const f = s.filter.result;
  const c = s.create;
  return [
    {
      text: 'SCIM filter by userName, p50 ≤ 2 ms at one connection',
      ok: f.p50 <= SCIM_TARGETS.filterP50SingleMs && f.errors === 0,
      detail: `p50 ${f.p50.toFixed(2)} ms, ${f.completed.toLocaleString('en-US')} requests, ${f.errors} errors`,
    },
    {
      text: `SCIM create of ${SCIM_TARGETS.createUsers.toLocaleString('en-US')} users one at a time ≤ 60 s`,
      ok: c.ms <= (SCIM_TARGETS.createMs * c.users) / SCIM_TARGETS.createUsers && failures(c) === 0,
      detail: `${c.users.toLocaleString('en-US')} users in ${(c.ms / 1000).toFixed(2)} s, of it ${(c.serverCpuMs / 1000).toFixed(2)} s of server CPU and ${(c.clientCpuMs / 1000).toFixed(2)} s of the client's${c.users === SCIM_TARGETS.createUsers ? '' : ' (a smoke run: the target scaled to the count)'}; ${statusText(c)}`,
    },
  ];
}

/**
 * Both cases, last in the run (the creates grow the users table by a tenth): the filter is checked to find
 * its member, loaded over one connection, then the creates are timed once the server is idle.
 */
export async function measureScim(o: {
  baseUrl: string;
  serverPid: number;
  key: string;
  /** A seeded member's address. */
  email: string;
  scale: number;
  loadSingle: (c: LoadCase) => Promise<LoadResult>;
  waitIdle: () => Promise<unknown>;
  say: (line: string) => void;
}): Promise<ScimBench> {
  await checkScimFilter(o.baseUrl, o.key, o.email);
  const filterCase = scimFilterCase(o.key, o.email);
  const filter = await o.loadSingle(filterCase);
  await o.waitIdle();
  const count = scimCreateCount(o.scale);
  o.say(`SCIM: creating ${count} users by POST /scim/v2/Users, one at a time…`);
  const create = await timeScimCreates(o.baseUrl, o.key, count, o.serverPid);
  o.say(`  ${(create.ms / 1000).toFixed(2)} s (${statusText(create)}; slowest request ${create.worstMs.toFixed(0)} ms; server CPU ${(create.serverCpuMs / create.users).toFixed(2)} ms a request, client CPU ${(create.clientCpuMs / create.users).toFixed(2)} ms)`);
  return { filter: { request: filterCase.request, result: filter }, create };
}
