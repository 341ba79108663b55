// Runs one autocannon load in this process and prints its GeneratorResult as JSON; started by
// autocannon-process.ts with the job (requests, connections, duration) in a file.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { ChildJob } from './autocannon-process.js';
import type { GeneratorResult } from './load.js';

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ChildJob;
const { spec, run, duration } = job;
let sent = 0;
const result = await autocannon({
  url: spec.url,
  connections: run.connections,
  duration,
  timeout: run.timeout,
  pipelining: 1,
  requests: [
    {
      setupRequest: (req) => {
        const r = spec.requests[sent++ % spec.requests.length]!;
        return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
      },
    },
  ],
});
const statuses: Record<string, number> = {};
let completed = 0;
let bad = 0;
for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
  statuses[code] = count;
  completed += count;
  if (Number(code) >= 400) bad += count;
}
const out: GeneratorResult = {
  generator: 'autocannon (child process)',
  requestsPerSec: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  statuses,
  badStatuses: bad,
  completed,
  // autocannon counts a time-out among its errors as well.
  socketErrors: result.errors - result.timeouts,
  timeouts: result.timeouts,
  requestsUsed: Math.min(sent, spec.requests.length),
};
process.stdout.write(JSON.stringify(out));
