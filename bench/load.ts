// One load case: a warm-up whose figures are dropped, then the measured run, with the server's RSS sampled
// throughout. An answer with any status but the expected one counts as an error, as do socket errors and
// time-outs.
import autocannon from 'autocannon';
import { waitIdle } from './idle.js';
import { sampleRss } from './memory.js';

export interface LoadSpec {
  url: string;
  /** One request shape; a setupRequest makes every request different. */
  request: autocannon.Request;
  expectedStatus: number;
}

export interface LoadRun {
  connections: number;
  duration: number;
  warmup: number;
  timeout: number;
}

export interface LoadResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  completed: number;
  errors: number;
  /** Status code → count, the expected one included. */
  statuses: Record<string, number>;
  socketErrors: number;
  timeouts: number;
  peakRssKb: number;
  peakAnonKb: number;
  rssSamples: number;
}

function run(spec: LoadSpec, o: LoadRun, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: spec.url,
    connections: o.connections,
    duration,
    timeout: o.timeout,
    pipelining: 1,
    requests: [spec.request],
  });
}

export async function measure(spec: LoadSpec, o: LoadRun, serverPid: number): Promise<LoadResult> {
  const rss = sampleRss(serverPid);
  if (o.warmup > 0) {
    await run(spec, o, o.warmup);
    // Requests cut off when the warm-up ended are still being served: let them finish first.
    await waitIdle(serverPid);
  }
  const r = await run(spec, o, o.duration);
  const memory = rss.stop();
  const statuses: Record<string, number> = {};
  let completed = 0;
  for (const [code, { count }] of Object.entries(r.statusCodeStats)) {
    statuses[code] = count;
    completed += count;
  }
  const unexpected = completed - (statuses[String(spec.expectedStatus)] ?? 0);
  // autocannon counts a time-out among its errors as well.
  const socketErrors = r.errors - r.timeouts;
  return {
    requestsPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    completed,
    errors: unexpected + r.errors,
    statuses,
    socketErrors,
    timeouts: r.timeouts,
    peakRssKb: memory.peakKb,
    peakAnonKb: memory.peakAnonKb,
    rssSamples: memory.samples,
  };
}
