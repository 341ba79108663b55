// The Audit log panel: newest first, keyset paging, filters by action and actor.
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../domain/audit.js';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { renderRefused } from '../http/messages.js';
import { renderShell } from '../http/pages.js';
import { auditLog } from '../services/audit-log.js';
import { AuditPage } from '../../views/pages/audit.js';

const querySchema = z.object({
  action: z.string().max(100).optional().catch(undefined),
  actor: z.string().trim().max(320).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

function auditHref(q: { action?: string; actor?: string }, before?: number): string {
  const s = new URLSearchParams();
  if (q.action) s.set('action', q.action);
  if (q.actor) s.set('actor', q.actor);
  if (before !== undefined) s.set('before', String(before));
  const text = s.toString();
  return text ? `/audit?${text}` : '/audit';
}

const showAudit = signedIn(async (c, { user }) => {
  const q = querySchema.parse({
    action: c.req.query('action') || undefined,
    actor: c.req.query('actor') || undefined,
    before: c.req.query('before') || undefined,
  });
  const log = await auditLog(c.get('deps'), user, { action: q.action, actorEmail: q.actor, before: q.before });
  if (!log.ok) return renderRefused(c, log);
  const body = (
    <AuditPage
      events={log.events}
      actions={AUDIT_ACTIONS}
      filter={{ action: q.action, actor: q.actor }}
      actorError={log.actorError}
      olderHref={log.olderThan === null ? null : auditHref(q, log.olderThan)}
      newestHref={q.before !== undefined ? auditHref(q) : null}
    />
  );
  return renderShell(c, { title: 'Audit log', active: 'audit', body });
});

export const auditRoutes: RouteDef[] = [{ method: 'GET', path: '/audit', access: needs('space_admin'), handler: showAudit }];
