// One load case: a warm-up whose figures are dropped, then the measured run, with the server's RSS sampled
// throughout. The load generator runs as its own process (wrk when it is installed, else autocannon in a
// child process), never inside this one beside the measurements. An answer with any status but the
// expected one counts as an error, as do socket errors and time-outs.
import { waitIdle } from './idle.js';
import { sampleRss } from './memory.js';
import { runAutocannon } from './autocannon-process.js';
import { runWrk, wrkAvailable } from './wrk.js';

/** One request, as plain data a generator in another process can replay. */
export interface PlainRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  url: string;
  /** Sent in turn; past the last one they start over (a case with one request repeats it). */
  requests: PlainRequest[];
  expectedStatus: number;
  /**
   * Count every answer's status (true), or only let the generator count statuses ≥ 400 (false: wrk then
   * runs without a Lua callback per answer, at its full speed: for the hello-world baseline).
   */
  countStatuses: boolean;
  /**
   * Several servers (base URLs, `url` first) that share the load: each wrk thread keeps its connections
   * to one of them, so each gets an equal share of the connections (wrk only; for the processes case).
   */
  spreadOver?: string[];
}

export interface LoadRun {
  connections: number;
  duration: number;
  warmup: number;
  timeout: number;
}

/** What one generator run reports. */
export interface GeneratorResult {
  generator: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  /** Status code → count; empty when statuses were not counted. */
  statuses: Record<string, number>;
  /** Answers with a status ≥ 400, as the generator itself counts them. */
  badStatuses: number;
  completed: number;
  socketErrors: number;
  timeouts: number;
  /** How many of `requests` (from the start of the list) the run may have used. */
  requestsUsed: number;
}

export interface LoadResult {
  generator: string;
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
  /** Requests of the list used, warm-up included. */
  requestsUsed: number;
}

export type Generator = 'wrk' | 'autocannon';

export function chooseGenerator(wanted: string | undefined): Generator {
  if (wanted === 'autocannon') return 'autocannon';
  if (wanted === 'wrk' || wanted === undefined || wanted === '') {
    if (wrkAvailable()) return 'wrk';
    if (wanted === 'wrk') throw new Error('BENCH_GENERATOR=wrk, but wrk is not installed');
    return 'autocannon';
  }
  throw new Error(`BENCH_GENERATOR must be wrk or autocannon, not "${wanted}"`);
}

function generate(generator: Generator, spec: LoadSpec, o: LoadRun, duration: number): Promise<GeneratorResult> {
  if (spec.spreadOver && generator !== 'wrk') throw new Error('spreading the load over several servers needs wrk');
  return generator === 'wrk' ? runWrk(spec, o, duration) : runAutocannon(spec, o, duration);
}

export async function measure(spec: LoadSpec, o: LoadRun, serverPid: number, generator: Generator): Promise<LoadResult> {
  const rss = sampleRss(serverPid);
  let used = 0;
  if (o.warmup > 0) {
    used = (await generate(generator, spec, o, o.warmup)).requestsUsed;
    // Requests cut off when the warm-up ended are still being served: let them finish first.
    await waitIdle(serverPid);
  }
  // A case whose requests each use up an item (an invitation) goes on where the warm-up stopped.
  const rest = spec.requests.length > 1 ? { ...spec, requests: spec.requests.slice(used) } : spec;
  if (rest.requests.length === 0) throw new Error('the warm-up used every request of the case');
  const r = await generate(generator, rest, o, o.duration);
  const memory = rss.stop();
  const unexpected = spec.countStatuses ? r.completed - (r.statuses[String(spec.expectedStatus)] ?? 0) : r.badStatuses;
  return {
    generator: r.generator,
    requestsPerSec: r.requestsPerSec,
    p50: r.p50,
    p99: r.p99,
    completed: r.completed,
    errors: unexpected + r.socketErrors + r.timeouts,
    statuses: r.statuses,
    socketErrors: r.socketErrors,
    timeouts: r.timeouts,
    peakRssKb: memory.peakKb,
    peakAnonKb: memory.peakAnonKb,
    rssSamples: memory.samples,
    requestsUsed: used + r.requestsUsed,
  };
}
