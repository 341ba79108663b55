// The Audit log panel: newest first, keyset paging, filters by action and actor.
import type { Context } from 'hono';
import { z } from 'zod';
import { distinctAuditActions, distinctAuditActors, listAuditEvents } from '../db/queries/audit.js';
import { needs, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { renderShell } from '../http/pages.js';
import { AuditPage } from '../../views/pages/audit.js';

export const AUDIT_PAGE_SIZE = 50;

const querySchema = z.object({
  action: z.string().max(100).optional().catch(undefined),
  actor: z.coerce.number().int().positive().optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

const showAudit = async (c: Context<AppEnv>) => {
  const { db } = c.get('deps');
  const q = querySchema.parse({
    action: c.req.query('action') || undefined,
    actor: c.req.query('actor') || undefined,
    before: c.req.query('before') || undefined,
  });
  const [rows, actions, actors] = await Promise.all([
    listAuditEvents(db, { action: q.action, actorId: q.actor, beforeId: q.before, limit: AUDIT_PAGE_SIZE + 1 }),
    distinctAuditActions(db),
    distinctAuditActors(db),
  ]);
  const events = rows.slice(0, AUDIT_PAGE_SIZE);
  const params = (extra: Record<string, string>) => {
    const s = new URLSearchParams();
    if (q.action) s.set('action', q.action);
    if (q.actor !== undefined) s.set('actor', String(q.actor));
    for (const [k, v] of Object.entries(extra)) s.set(k, v);
    const text = s.toString();
    return text ? `/audit?${text}` : '/audit';
  };
  const olderHref = rows.length > AUDIT_PAGE_SIZE ? params({ before: String(events[events.length - 1]!.id) }) : null;
  const newestHref = q.before !== undefined ? params({}) : null;
  return renderShell(c, {
    title: 'Audit log',
    active: 'audit',
    body: (
      <AuditPage
        events={events}
        actions={actions}
        actors={actors}
        filter={{ action: q.action, actor: q.actor }}
        olderHref={olderHref}
        newestHref={newestHref}
      />
    ),
  });
};

export const auditRoutes: RouteDef[] = [{ method: 'GET', path: '/audit', access: needs('space_admin'), handler: showAudit }];
