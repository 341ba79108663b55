// Downloads: GET /users/export.csv (the Users tab's filters) and GET /audit/export.csv|jsonl (the Audit
// log's). The body streams as the rows are read, a batch at a time.
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { readUsersParams } from '../http/list-params.js';
import { renderRefused } from '../http/messages.js';
import { exportAudit, exportUsers, type ExportFile, type ExportFormat } from '../services/exports.js';
import { readAuditFilter } from './audit.js';

function download(c: Context<AppEnv>, file: ExportFile): Response {
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
  // no-transform: the compression middleware would read the whole body to compress it, and the point of
  // streaming is that nobody holds the whole file. no-store: it is a member list.
  c.header('Cache-Control', 'no-store, no-transform');
  c.header('X-Content-Type-Options', 'nosniff');
  return stream(c, async (out) => {
    for await (const chunk of file.chunks) {
      if (out.aborted) return;
      await out.write(chunk);
    }
  });
}

const usersCsv = signedIn(async (c, { user }) => {
  const p = readUsersParams(c.req.query());
  const file = await exportUsers(c.get('deps'), user, { search: p.q, profile: p.profile, status: p.status, groupId: p.group });
  return file.ok ? download(c, file) : renderRefused(c, file);
});

const auditFile = (format: ExportFormat) =>
  signedIn(async (c, { user }) => {
    const { actions, actor, target, from, to } = readAuditFilter((n) => c.req.query(n), (n) => c.req.queries(n));
    const file = await exportAudit(c.get('deps'), user, { actions, actor, target, from, to }, format);
    return file.ok ? download(c, file) : renderRefused(c, file);
  });

export const exportRoutes: RouteDef[] = [
  { method: 'GET', path: '/users/export.csv', access: needs('space_admin'), handler: usersCsv },
  { method: 'GET', path: '/audit/export.csv', access: needs('space_admin'), handler: auditFile('csv') },
  { method: 'GET', path: '/audit/export.jsonl', access: needs('space_admin'), handler: auditFile('jsonl') },
];
