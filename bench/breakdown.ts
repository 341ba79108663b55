// Where a page's time goes, as the server itself measures it: the Launchpad started once more with
// SERVER_TIMING=true (so the load runs measured the server without it), each page requested one at a
// time, and the Server-Timing header of each answer read: session, queries (count and time), render,
// compression, total. The page's size is read there too: the HTML, and the bytes on the wire with brotli
// and with gzip.
import { request } from 'node:http';
import { median } from './invite-timing.js';

export interface PageBreakdown {
  name: string;
  path: string;
  runs: number;
  /** Medians over the runs, in ms (queries: their count). */
  totalMs: number;
  sessionMs: number;
  sessionQueryMs: number;
  queries: number;
  queryMs: number;
  renderMs: number;
  compressMs: number;
  /** The server's time not in the above: routing, middleware, the use case's JavaScript around the queries. */
  otherMs: number;
  htmlBytes: number;
  brBytes: number;
  gzipBytes: number;
}

interface Answer {
  status: number;
  bytes: number;
  encoding: string | undefined;
  timing: string | undefined;
}

/** A GET through node:http, which hands over the bytes as they came (fetch would decode them). */
function getRaw(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.byteLength));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, bytes, encoding: res.headers['content-encoding'], timing: res.headers['server-timing'] as string | undefined }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export function parseServerTiming(header: string): Map<string, { dur: number; desc: string }> {
  const out = new Map<string, { dur: number; desc: string }>();
  for (const metric of header.split(/,\s*(?=[a-z-]+;)/)) {
    const [name, ...params] = metric.split(';').map((p) => p.trim());
    const dur = params.find((p) => p.startsWith('dur='));
    const desc = params.find((p) => p.startsWith('desc='));
    if (name) out.set(name, { dur: Number(dur?.slice(4) ?? Number.NaN), desc: desc?.slice(6, -1) ?? '' });
  }
  return out;
}

export async function breakDownPages(
  baseUrl: string,
  cookie: string,
  pages: { name: string; path: string }[],
  o: { acceptEncoding: string; runs: number; warmup: number },
): Promise<PageBreakdown[]> {
  const out: PageBreakdown[] = [];
  for (const page of pages) {
    const url = baseUrl + page.path;
    const get = (acceptEncoding?: string) => getRaw(url, { cookie, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) });
    for (let i = 0; i < o.warmup; i++) await get(o.acceptEncoding);
    const samples: Map<string, { dur: number; desc: string }>[] = [];
    for (let i = 0; i < o.runs; i++) {
      const a = await get(o.acceptEncoding);
      if (a.status !== 200 || !a.timing) throw new Error(`GET ${page.path} answered ${a.status}${a.timing ? '' : ' without Server-Timing'}`);
      samples.push(parseServerTiming(a.timing));
    }
    const med = (name: string) => median(samples.map((s) => s.get(name)?.dur ?? 0));
    const sessionQueryMs = median(samples.map((s) => Number(/^([\d.]+) ms/.exec(s.get('session')?.desc ?? '')?.[1] ?? 0)));
    const queries = median(samples.map((s) => Number(/^(\d+) queries/.exec(s.get('db')?.desc ?? '')?.[1] ?? 0)));
    const [plain, br, gzip] = [await get(), await get('br'), await get('gzip')];
    if (plain.encoding || br.encoding !== 'br' || gzip.encoding !== 'gzip') {
      throw new Error(`GET ${page.path}: expected identity, br and gzip, got ${plain.encoding}, ${br.encoding}, ${gzip.encoding}`);
    }
    const b = {
      totalMs: med('total'),
      sessionMs: med('session'),
      queryMs: med('db'),
      renderMs: med('render'),
      compressMs: med('compress'),
    };
    out.push({
      name: page.name,
      path: page.path,
      runs: o.runs,
      ...b,
      sessionQueryMs,
      queries,
      otherMs: Math.max(0, b.totalMs - b.sessionMs - (b.queryMs - sessionQueryMs) - b.renderMs - b.compressMs),
      htmlBytes: plain.bytes,
      brBytes: br.bytes,
      gzipBytes: gzip.bytes,
    });
  }
  return out;
}
