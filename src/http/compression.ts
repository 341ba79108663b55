// Response compression by Accept-Encoding: brotli or gzip for HTML, CSS, JS, JSON and SVG.
//
// Not hono/compress: on Node 20 it offers gzip and deflate only, through CompressionStream, and on an
// 86 KB test page of table rows it cost about 0.9 ms per request against 0.34 ms for brotli at
// quality 4 and 0.48 ms for gzip in one zlib call. Pages here are built as one string anyway, so the
// body is compressed in one call. Files under public/ arrive already compressed (static.ts does it once at
// start) and pass through untouched.
//
// Pages are compressed where c.html turns them into a string, before a Response exists: reading a
// Response back as bytes goes through a web stream, which cost as much as compressing the page itself.
// Everything else (JSON, API documents, error bodies) is read back after the handler, as before.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';

export type Encoding = 'br' | 'gzip';

/** Below this, compression saves less than a TCP packet and costs a call. */
export const COMPRESS_THRESHOLD = 1024;

const COMPRESSIBLE = /^\s*(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|javascript|xml)\b|image\/svg\+xml)/i;

export function isCompressible(contentType: string | null | undefined): boolean {
  return !!contentType && COMPRESSIBLE.test(contentType);
}

/** brotli when the client takes it, else gzip, by the q-values of Accept-Encoding; null for neither. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [raw, ...params] = part.toLowerCase().split(';');
    const name = raw?.trim();
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const of = (name: Encoding) => q.get(name) ?? q.get('*') ?? 0;
  const [br, gzip] = [of('br'), of('gzip')];
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return null;
}

/**
 * Quality 1 for responses made per request; 11 for files compressed once at start. On the 27.8 KB Users
 * page (one core, medians of 1,000 calls alternated, glibc with MALLOC_MMAP_THRESHOLD_ as the units set
 * it): brotli quality 1 took 0.105 ms for 5,576 bytes, quality 2 0.170 ms for 5,210, quality 3 0.206 ms
 * for 5,142; gzip level 1 0.15 ms for 5,378 against 0.25 ms for 4,841 at level 6. A few hundred bytes
 * more on the wire cost nothing next to a tenth of a millisecond of the one thread per request. The size
 * hint keeps brotli's window (and its memory) to the body's size.
 */
export function compressBody(body: Uint8Array | string, encoding: Encoding, quality: 'fast' | 'best' = 'fast'): Uint8Array<ArrayBuffer> {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  if (encoding === 'br') {
    return ownBytes(brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality === 'best' ? constants.BROTLI_MAX_QUALITY : 1,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: size,
        [constants.BROTLI_PARAM_LGWIN]: windowBits(size),
      },
    }));
  }
  return ownBytes(gzipSync(body, { level: quality === 'best' ? constants.Z_BEST_COMPRESSION : 1 }));
}

/**
 * A window as large as the body and no larger (brotli's default is 4 MiB): the output is the same, and
 * the encoder's buffers stay small. With the 4 MiB window each call allocated blocks that glibc, run
 * with MALLOC_MMAP_THRESHOLD_ as the systemd units set it, maps and unmaps every time (0.147 against
 * 0.093 ms for the 27 KB Users page).
 */
export function windowBits(size: number): number {
  return Math.min(constants.BROTLI_DEFAULT_WINDOW, Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(size + 1))));
}

/** zlib's Buffers sit on a plain ArrayBuffer, which a Response takes as it is; anything else is copied. */
function ownBytes(b: Buffer): Uint8Array<ArrayBuffer> {
  return b.buffer instanceof ArrayBuffer ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
}

/** Adds Accept-Encoding to Vary, once. */
export function varyOnAcceptEncoding(headers: Headers): void {
  const vary = headers.get('Vary');
  if (vary === '*' || (vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))) return;
  headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

export interface CompressionOptions {
  /** Told how long each compression took (the opt-in timing hook); not called when absent. */
  onCompressed?: (c: Parameters<MiddlewareHandler>[0], ms: number) => void;
}

const TEXT_HTML = 'text/html; charset=UTF-8';

/**
 * Makes c.html compress what it renders, for a request that accepts an encoding: the page's string goes
 * straight into zlib, and the Response is made once, from the compressed bytes. A page under the threshold
 * is answered as c.html would; the middleware still adds Vary.
 */
function compressPagesAsRendered(c: Context, encoding: Encoding, options: CompressionOptions): { used: boolean } {
  const state = { used: false };
  const html = c.html;
  c.html = ((input: Parameters<Context['html']>[0], arg?: unknown, headers?: unknown) =>
    resolveCallback(input, HtmlEscapedCallbackPhase.Stringify, false, {}).then((text) => {
      const page = String(text);
      if (page.length < COMPRESS_THRESHOLD) return html(page, arg as never, headers as never);
      const t0 = options.onCompressed ? performance.now() : 0;
      const compressed = compressBody(page, encoding);
      if (options.onCompressed) options.onCompressed(c, performance.now() - t0);
      c.header('Content-Type', TEXT_HTML);
      c.header('Content-Encoding', encoding);
      c.header('Content-Length', String(compressed.byteLength));
      state.used = true;
      return c.body(compressed, arg as never, headers as never);
    })) as Context['html'];
  return state;
}

export function compression(options: CompressionOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    const asRendered = c.req.method === 'HEAD' ? null : chooseEncoding(c.req.header('Accept-Encoding'));
    const rendered = asRendered ? compressPagesAsRendered(c, asRendered, options) : null;
    await next();
    const res = c.res;
    if (rendered?.used && res.headers.get('Content-Encoding') === asRendered) {
      varyOnAcceptEncoding(res.headers);
      return;
    }
    if (c.req.method === 'HEAD' || !res.body || res.status === 204 || res.status === 206 || res.status === 304) return;
    if (res.headers.has('Content-Encoding') || !isCompressible(res.headers.get('Content-Type'))) return;
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return;
    // The answer depends on Accept-Encoding whether or not this one is compressed: caches must know.
    varyOnAcceptEncoding(res.headers);
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    const length = Number(res.headers.get('Content-Length') ?? Number.NaN);
    if (length < COMPRESS_THRESHOLD) return;
    const body = new Uint8Array(await res.arrayBuffer());
    // Hono carries the old response's headers over to the one set here; the changes come after.
    if (body.byteLength < COMPRESS_THRESHOLD) {
      c.res = new Response(body, res);
      return;
    }
    const t0 = options.onCompressed ? performance.now() : 0;
    const compressed = compressBody(body, encoding);
    if (options.onCompressed) options.onCompressed(c, performance.now() - t0);
    c.res = new Response(compressed, res);
    c.res.headers.set('Content-Encoding', encoding);
    c.res.headers.set('Content-Length', String(compressed.byteLength));
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`); // the same content, other bytes
  };
}
