// The Audit log panel: newest first, keyset paging, filters by date range, actions, actor and target.
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../domain/audit.js';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { renderRefused } from '../http/messages.js';
import { renderShell } from '../http/pages.js';
import { auditLog, type AuditFilter } from '../services/audit-log.js';
import { AuditPage } from '../../views/pages/audit.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);

const querySchema = z.object({
  actions: z.array(z.string().max(100)).max(AUDIT_ACTIONS.length).catch([]),
  actor: z.string().trim().max(320).optional().catch(undefined),
  target: z.string().trim().max(320).optional().catch(undefined),
  from: day,
  to: day,
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

/** The filters as URL parameters: the pager, the export links and each row's target link keep them. */
export function auditParams(f: AuditFilter, extra: Record<string, string | undefined> = {}): string {
  const s = new URLSearchParams();
  for (const a of f.actions ?? []) s.append('action', a);
  for (const [k, v] of Object.entries({ actor: f.actor, target: f.target, from: f.from, to: f.to, ...extra })) if (v) s.set(k, v);
  return s.toString();
}

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

/** The filters of a request to /audit or its exports. */
export function readAuditFilter(query: (name: string) => string | undefined, queries: (name: string) => string[] | undefined) {
  return querySchema.parse({
    actions: (queries('action') ?? []).filter(Boolean),
    actor: query('actor') || undefined,
    target: query('target') || undefined,
    from: query('from') || undefined,
    to: query('to') || undefined,
    before: query('before') || undefined,
  });
}

const showAudit = signedIn(async (c, { user }) => {
  const q = readAuditFilter((n) => c.req.query(n), (n) => c.req.queries(n));
  const filter: AuditFilter = { actions: q.actions, actor: q.actor, target: q.target, from: q.from, to: q.to };
  const log = await auditLog(c.get('deps'), user, { ...filter, before: q.before });
  if (!log.ok) return renderRefused(c, log);
  const body = (
    <AuditPage
      events={log.events}
      actions={AUDIT_ACTIONS}
      filter={filter}
      actorError={log.actorError}
      actorNote={log.actorNote}
      olderHref={log.olderThan === null ? null : withQuery('/audit', auditParams(filter, { before: String(log.olderThan) }))}
      newestHref={q.before !== undefined ? withQuery('/audit', auditParams(filter)) : null}
      exportHref={(format) => withQuery(`/audit/export.${format}`, auditParams(filter))}
      targetFilterHref={(target) => withQuery('/audit', auditParams({ ...filter, target }))}
    />
  );
  return renderShell(c, { title: 'Audit log', active: 'audit', body });
});

export const auditRoutes: RouteDef[] = [{ method: 'GET', path: '/audit', access: needs('space_admin'), handler: showAudit }];
