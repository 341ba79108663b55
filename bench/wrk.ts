// wrk as the load generator, in its own process: the case's requests go to it as a Lua table, a Lua script
// sends them in turn (each thread its own stride) and counts the statuses, and done() prints the figures
// as one JSON line.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratorResult, LoadRun, LoadSpec } from './load.js';

export function wrkAvailable(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // wrk --version prints its version and exits 1; only a missing binary is ENOENT.
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** A Lua string literal. */
function lua(s: string): string {
  return `"${s.replace(/[\\"\x00-\x1f\x7f]/g, (ch) => `\\${ch.charCodeAt(0).toString().padStart(3, '0')}`)}"`;
}

function specTable(spec: LoadSpec, threads: number): string {
  const requests = spec.requests.map((r) => {
    const headers = Object.entries(r.headers).map(([k, v]) => `[${lua(k)}]=${lua(v)}`).join(',');
    return `{method=${lua(r.method)},path=${lua(r.path)},headers={${headers}}${r.body === undefined ? '' : `,body=${lua(r.body)}`}}`;
  });
  const targets = (spec.spreadOver ?? []).map((u) => {
    const url = new URL(u);
    return `{host=${lua(url.hostname)},port=${lua(url.port || '80')}}`;
  });
  return `return {threads=${threads},countStatuses=${spec.countStatuses},targets={${targets.join(',')}},requests={\n${requests.join(',\n')}\n}}\n`;
}

const SCRIPT = `
local spec = dofile(SPEC)
local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  if #spec.targets > 0 then
    -- the load split: thread n keeps all its connections to server n (mod their number)
    local t = spec.targets[(next_id % #spec.targets) + 1]
    thread.addr = wrk.lookup(t.host, t.port)[1]
  end
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  sent = 0
  reqs = {}
  for i, r in ipairs(spec.requests) do reqs[i] = wrk.format(r.method, r.path, r.headers, r.body) end
end

if #spec.requests == 1 then
  local r = spec.requests[1]
  wrk.method = r.method
  wrk.path = r.path
  wrk.headers = r.headers
  wrk.body = r.body
else
  function request()
    local i = (sent * spec.threads + id) % #reqs + 1
    sent = sent + 1
    return reqs[i]
  end
end

if spec.countStatuses then
  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local counts, most = {}, 0
  for _, t in ipairs(threads) do
    local s = t:get("statuses") or {}
    for code, n in pairs(s) do counts[code] = (counts[code] or 0) + n end
    local n = t:get("sent") or 0
    if n > most then most = n end
  end
  local parts = {}
  for code, n in pairs(counts) do table.insert(parts, string.format('"%d":%d', code, n)) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"mostSent":%d,"statuses":{%s}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout, most, table.concat(parts, ",")))
end
`;

export async function runWrk(spec: LoadSpec, o: LoadRun, duration: number): Promise<GeneratorResult> {
  const threads = Math.max(spec.spreadOver?.length ?? 1, Math.min(2, o.connections));
  const dir = mkdtempSync(join(tmpdir(), 'launchpad-wrk-'));
  try {
    const specPath = join(dir, 'spec.lua');
    const scriptPath = join(dir, 'script.lua');
    writeFileSync(specPath, specTable(spec, threads));
    writeFileSync(scriptPath, `local SPEC = ${lua(specPath)}\n${SCRIPT}`);
    const args = ['-t', String(threads), '-c', String(o.connections), '-d', `${duration}s`, '--timeout', `${o.timeout}s`, '-s', scriptPath, spec.url];
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`wrk exited with ${code}: ${stderr}${stdout}`))));
    });
    const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
    if (!line) throw new Error(`wrk printed no figures:\n${out}`);
    const j = JSON.parse(line.slice('BENCH_JSON '.length)) as {
      requests: number; durationUs: number; p50Us: number; p99Us: number; connect: number; read: number; write: number;
      status: number; timeout: number; mostSent: number; statuses: Record<string, number>;
    };
    return {
      generator: 'wrk',
      requestsPerSec: j.requests / (j.durationUs / 1e6),
      p50: j.p50Us / 1000,
      p99: j.p99Us / 1000,
      statuses: j.statuses,
      badStatuses: j.status,
      completed: j.requests,
      socketErrors: j.connect + j.read + j.write,
      timeouts: j.timeout,
      requestsUsed: Math.min(spec.requests.length, j.mostSent * threads),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
