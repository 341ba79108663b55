// The Audit log panel: newest first, keyset paging, filters by action and actor.
import type { Context } from 'hono';
import { z } from 'zod';
import { listAuditEvents } from '../db/queries/audit.js';
import { findUserByEmail } from '../db/queries/users.js';
import { needs, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { renderShell } from '../http/pages.js';
import { ACTION_LABELS, AuditPage } from '../../views/pages/audit.js';

export const AUDIT_PAGE_SIZE = 50;

const querySchema = z.object({
  action: z.string().max(100).optional().catch(undefined),
  /** The actor's email: a select of every actor would list every member who ever accepted an invitation. */
  actor: z.string().trim().max(320).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

const showAudit = async (c: Context<AppEnv>) => {
  const { db } = c.get('deps');
  const q = querySchema.parse({
    action: c.req.query('action') || undefined,
    actor: c.req.query('actor') || undefined,
    before: c.req.query('before') || undefined,
  });
  const actor = q.actor ? await findUserByEmail(db, q.actor) : null;
  const actorError = q.actor && !actor ? `No member has the address ${q.actor}.` : null;
  // An unknown actor matches nothing (actor id 0 is nobody's), and the field says why.
  const actorId = q.actor ? (actor?.id ?? 0) : undefined;
  const rows = await listAuditEvents(db, { action: q.action, actorId, beforeId: q.before, limit: AUDIT_PAGE_SIZE + 1 });
  const events = rows.slice(0, AUDIT_PAGE_SIZE);
  const params = (extra: Record<string, string>) => {
    const s = new URLSearchParams();
    if (q.action) s.set('action', q.action);
    if (q.actor) s.set('actor', q.actor);
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
        actions={Object.keys(ACTION_LABELS)}
        filter={{ action: q.action, actor: q.actor }}
        actorError={actorError}
        olderHref={olderHref}
        newestHref={newestHref}
      />
    ),
  });
};

export const auditRoutes: RouteDef[] = [{ method: 'GET', path: '/audit', access: needs('space_admin'), handler: showAudit }];
