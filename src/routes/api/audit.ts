// GET /api/v1/audit-events: the Audit log panel's read model, filtered by action and by the actor's
// email, newest first, with a cursor, so a SIEM export reads every event once.
import { createRoute, z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS } from '../../domain/audit.js';
import { decodeCursor, encodeCursor } from '../../http/api-cursor.js';
import { problem, refused } from '../../http/api-problem.js';
import { auditLog } from '../../services/audit-log.js';
import { endpoint } from './endpoint.js';
import { cursorQuery, iso, json, limitQuery, NextCursor, problems, Time } from './schemas.js';

const EventSchema = z
  .object({
    id: z.number().int(),
    at: Time,
    action: z.string(),
    actor: z.object({ userId: z.number().int().nullable().openapi({ description: 'null for an API key or the command line' }), label: z.string() }),
    target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }).nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEvent');

const list = createRoute({
  method: 'get',
  path: '/audit-events',
  summary: 'Audit events, newest first, filtered by action and actor, with a cursor',
  tags: ['Audit'],
  request: {
    query: z.object({
      action: z.enum(AUDIT_ACTIONS as [string, ...string[]]).optional(),
      actor: z.string().max(320).optional().openapi({ description: 'the acting member’s email; an address that is nobody’s matches nothing' }),
      limit: limitQuery(200, 50),
      cursor: cursorQuery,
    }),
  },
  responses: {
    200: json('A page of events', z.object({ events: z.array(EventSchema), nextCursor: NextCursor })),
    ...problems({ 400: 'Not a cursor of this list', 422: 'A query parameter is not valid' }),
  },
});

export const auditEndpoints = [
  endpoint('audit:read', list, async (c) => {
    const q = c.req.valid('query');
    const before = q.cursor === undefined ? undefined : decodeCursor(q.cursor, 'audit')?.[0];
    if (q.cursor !== undefined && typeof before !== 'number') {
      return problem(c, 'bad_cursor', 'This is not a cursor of the audit events. Start again without it.', 'cursor');
    }
    const r = await auditLog(c.get('deps'), c.get('actor'), { actions: q.action ? [q.action] : undefined, actor: q.actor, before: typeof before === 'number' ? before : undefined, limit: q.limit });
    if (!r.ok) return refused(c, r);
    return c.json(
      {
        events: r.events.map((e) => ({
          id: e.id,
          at: iso(e.at),
          action: e.action,
          actor: { userId: e.actorId, label: e.actorLabel },
          target: e.targetType === null ? null : { type: e.targetType, id: e.targetId, label: e.targetLabel },
          details: e.details,
        })),
        nextCursor: r.olderThan === null ? null : encodeCursor('audit', [r.olderThan]),
      },
      200,
    );
  }),
];
