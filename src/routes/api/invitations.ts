// Invitations over the API: list (cursor paging), get, resend, revoke and the invite link; the bulk
// create is in invitations-bulk.ts. The same use cases as the Users tab's "…" menu.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ApiEnv } from '../../http/api-env.js';
import { decodeCursor, encodeCursor } from '../../http/api-cursor.js';
import { problem, refused } from '../../http/api-problem.js';
import { resendInvitation, revealInvitationLink, revokeInvitation } from '../../services/invitation-actions.js';
import { invitationDetail, invitationList, type InvitationDetail } from '../../services/member-list.js';
import { endpoint } from './endpoint.js';
import { cursorQuery, GroupRefSchema, IdParam, iso, isoOrNull, json, limitQuery, NextCursor, ProfileSchema, problems, Time } from './schemas.js';

export const InvitationSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string().nullable().openapi({ description: 'the name given with `Name <email>`' }),
    profile: ProfileSchema,
    status: z.enum(['pending', 'accepted', 'revoked']),
    expired: z.boolean().openapi({ description: 'pending, and its link no longer works (resend renews it)' }),
    invitedBy: z.string(),
    createdAt: Time,
    expiresAt: Time,
    groups: z.array(GroupRefSchema),
  })
  .openapi('Invitation');

type Shown = Pick<InvitationDetail, 'id' | 'email' | 'displayName' | 'profile' | 'status' | 'invitedByLabel' | 'createdAt' | 'expiresAt' | 'groups'>;

const shown = (i: Shown, now: number) => ({
  id: i.id,
  email: i.email,
  name: i.displayName,
  profile: i.profile,
  status: i.status,
  expired: i.status === 'pending' && i.expiresAt <= now,
  invitedBy: i.invitedByLabel,
  createdAt: iso(i.createdAt),
  expiresAt: iso(i.expiresAt),
  groups: i.groups,
});

const list = createRoute({
  method: 'get',
  path: '/invitations',
  summary: 'List invitations: search, filter by status, profile or group, cursor paging',
  tags: ['Invitations'],
  request: {
    query: z.object({
      search: z.string().max(200).optional().openapi({ description: 'a substring of the address' }),
      status: z.enum(['pending', 'invited', 'expired', 'accepted', 'revoked']).default('pending').openapi({ description: 'pending: invited or expired, as the Users tab lists them' }),
      profile: ProfileSchema.optional(),
      group: z.coerce.number().int().positive().optional(),
      sort: z.enum(['email', 'profile', 'expires']).default('email'),
      dir: z.enum(['asc', 'desc']).default('asc'),
      limit: limitQuery(200, 50),
      cursor: cursorQuery,
    }),
  },
  responses: {
    200: json('A page of invitations', z.object({ invitations: z.array(InvitationSchema), nextCursor: NextCursor })),
    ...problems({ 400: 'A cursor made for another order, or not a cursor', 422: 'A query parameter is not valid' }),
  },
});

const get = createRoute({
  method: 'get',
  path: '/invitations/{id}',
  summary: 'One invitation, whatever its status',
  tags: ['Invitations'],
  request: { params: IdParam },
  responses: { 200: json('The invitation', InvitationSchema.extend({ lastSentAt: Time.nullable() })), ...problems({ 404: 'No such invitation' }) },
});

const action = (verb: 'resend' | 'revoke', summary: string, conflicts: string) =>
  createRoute({
    method: 'post',
    path: `/invitations/{id}/${verb}`,
    summary,
    tags: ['Invitations'],
    request: { params: IdParam },
    responses: { 200: json('The invitation', InvitationSchema), ...problems({ 404: 'No such invitation', 409: conflicts }) },
  });

const resend = action('resend', 'Send the invitation again; its link works for another INVITE_TTL', 'Already accepted or revoked, or expired with no seat free');
const revoke = action('revoke', 'Withdraw the invitation: its link stops working and its seat is freed', 'Already accepted or revoked');

const link = createRoute({
  method: 'get',
  path: '/invitations/{id}/link',
  summary: 'The invitation’s link (the one emailed); recorded in the audit log',
  tags: ['Invitations'],
  request: { params: IdParam },
  responses: { 200: json('The link', z.object({ link: z.string(), expiresAt: Time })), ...problems({ 404: 'No such invitation', 409: 'Already accepted or revoked' }) },
});

/** After an action, the invitation as it now stands. */
async function current(c: Context<ApiEnv>, id: number) {
  const deps = c.get('deps');
  const detail = await invitationDetail(deps, c.get('actor'), id);
  return detail.ok ? c.json(shown(detail, deps.now()), 200) : refused(c, detail);
}

export const invitationEndpoints = [
  endpoint('users:read', list, async (c) => {
    const q = c.req.valid('query');
    const order = `invitations:${q.sort}:${q.dir}`;
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor, order);
    if (q.cursor !== undefined && after === null) return problem(c, 'bad_cursor', 'This cursor belongs to another order or is not one. Start again without it.', 'cursor');
    const deps = c.get('deps');
    const r = await invitationList(deps, c.get('actor'), { search: q.search, status: q.status, profile: q.profile, groupId: q.group, sort: q.sort, dir: q.dir, after, limit: q.limit });
    if (!r.ok) return refused(c, r);
    const now = deps.now();
    return c.json({ invitations: r.rows.map((i) => shown(i, now)), nextCursor: r.next === null ? null : encodeCursor(order, r.next) }, 200);
  }),
  endpoint('users:read', get, async (c) => {
    const deps = c.get('deps');
    const r = await invitationDetail(deps, c.get('actor'), c.req.valid('param').id);
    if (!r.ok) return refused(c, r);
    return c.json({ ...shown(r, deps.now()), lastSentAt: isoOrNull(r.lastSentAt) }, 200);
  }),
  endpoint('invitations:write', resend, async (c) => {
    const { id } = c.req.valid('param');
    const r = await resendInvitation(c.get('deps'), c.get('actor'), id);
    return r.ok ? current(c, id) : refused(c, r);
  }),
  endpoint('invitations:write', revoke, async (c) => {
    const { id } = c.req.valid('param');
    const r = await revokeInvitation(c.get('deps'), c.get('actor'), id);
    return r.ok ? current(c, id) : refused(c, r);
  }),
  endpoint('invitations:write', link, async (c) => {
    const r = await revealInvitationLink(c.get('deps'), c.get('actor'), c.req.valid('param').id);
    return r.ok ? c.json({ link: r.link, expiresAt: iso(r.invitation.expiresAt) }, 200) : refused(c, r);
  }),
];
