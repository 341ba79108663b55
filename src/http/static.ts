// The files under public/, read once into memory and served with their type and cache rules.
// Reading them up front keeps serving simple and lets the single binary hand them over from its assets.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  body: Uint8Array;
  type: string;
  etag: string;
}

export type StaticFiles = Map<string, StaticFile>;

export function staticFile(name: string, body: Uint8Array): StaticFile {
  return {
    body,
    type: TYPES[extname(name)] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
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

export function serveStaticFiles(files: StaticFiles, prefix = '/static'): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path.slice(prefix.length);
    const file = files.get(path);
    if (!file) return next();
    c.header('Content-Type', file.type);
    c.header('Cache-Control', cacheControl(path));
    c.header('ETag', file.etag);
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200);
  };
}
