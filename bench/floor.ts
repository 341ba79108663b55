// The floor under a page, run by bench/run.ts as its own process, like hello-world: what any server on
// this stack (Node, Hono on @hono/node-server, better-sqlite3, the Launchpad's brotli settings) spends on
// the page at the least, with none of the Launchpad's own work (no Kysely, no rendering, no middleware).
//   GET /page             the page's HTML as the Launchpad sent it (read once at start), compressed per
//                         request as the Launchpad compresses it;
//   GET /page+statements  the same, after running the read statements the Launchpad ran for that page:
//                         their SQL and parameters from its query log, through prepared statements.
// FLOOR_INPUT names a JSON file { html, statements: [{ sql, params }] }; FLOOR_DB the SQLite file.
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { Hono } from 'hono';
import { chooseEncoding, compressBody } from '../src/http/compression.js';
import type { FloorInput } from './floor-cases.js';

const input = JSON.parse(readFileSync(process.env.FLOOR_INPUT!, 'utf8')) as FloorInput;
const sqlite = new SQLite(process.env.FLOOR_DB!, { readonly: true });
const prepared = input.statements.map((s) => ({ statement: sqlite.prepare(s.sql), params: s.params }));

const app = new Hono();
const send = (acceptEncoding: string | undefined) => {
  const encoding = chooseEncoding(acceptEncoding);
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=UTF-8', vary: 'Accept-Encoding' };
  if (!encoding) return new Response(input.html, { headers });
  headers['content-encoding'] = encoding;
  return new Response(compressBody(input.html, encoding), { headers });
};
app.get('/page', (c) => send(c.req.header('accept-encoding')));
app.get('/page+statements', (c) => {
  for (const p of prepared) p.statement.all(...p.params);
  return send(c.req.header('accept-encoding'));
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3002), hostname: process.env.HOST ?? '127.0.0.1' }, (info) =>
  console.log(`floor listening on ${info.address}:${info.port} (${prepared.length} statements, ${input.html.length} characters of HTML)`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
