// The files under public/, read once into memory and served with their type and cache rules.
// Reading them up front keeps serving simple and lets the single binary hand them over from its assets.
// Text files are compressed once here, with brotli and gzip at their best settings, never per request.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { chooseEncoding, compressBody, isCompressible, type Encoding } from './compression.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Representation {
  body: Uint8Array<ArrayBuffer>;
  /** Each set of bytes has its own strong ETag. */
  etag: string;
}

export interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
  /** Text files only: the compressed forms that came out smaller than the file. */
  encoded: Partial<Record<Encoding, Representation>>;
}

export type StaticFiles = Map<string, StaticFile>;

const etagOf = (bytes: Uint8Array) => `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;

export function staticFile(name: string, bytes: Uint8Array): StaticFile {
  const body = new Uint8Array(bytes); // our own copy, on a plain ArrayBuffer
  const type = TYPES[extname(name)] ?? 'application/octet-stream';
  const encoded: StaticFile['encoded'] = {};
  if (isCompressible(type)) {
    for (const encoding of ['br', 'gzip'] as const) {
      const compressed = compressBody(body, encoding, 'best');
      if (compressed.byteLength < body.byteLength) encoded[encoding] = { body: compressed, etag: etagOf(compressed) };
    }
  }
  return { body, type, etag: etagOf(body), encoded };
}

export function loadPublicFiles(dir: string): StaticFiles {
  const files: StaticFiles = new Map();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set('/' + relative(dir, full).split(sep).join('/'), staticFile(entry.name, readFileSync(full)));
    }
  };
  walk(dir);
  return files;
}

/** Versioned names (htmx-4.0.1.min.js) never change: cache them for a year. The rest revalidate. */
function cacheControl(path: string): string {
  return /-\d+\.\d+\.\d+(\.min)?\.js$/.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate';
}

/** If-None-Match holds a list of ETags, or "*"; the comparison is weak (RFC 9110, 13.1.2). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

export function serveStaticFiles(files: StaticFiles, prefix = '/static'): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path.slice(prefix.length);
    const file = files.get(path);
    if (!file) return next();
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    const chosen = encoding ? file.encoded[encoding] : undefined;
    const served = chosen ?? file;
    c.header('Content-Type', file.type);
    c.header('Cache-Control', cacheControl(path));
    c.header('ETag', served.etag);
    if (isCompressible(file.type)) c.header('Vary', 'Accept-Encoding');
    if (chosen && encoding) c.header('Content-Encoding', encoding);
    if (matches(c.req.header('If-None-Match'), served.etag)) return c.body(null, 304);
    return c.body(served.body, 200);
  };
}
