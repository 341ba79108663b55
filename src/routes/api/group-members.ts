// A group's members over the API: list (the Members page's paging), add many, remove many. A group sync
// sends whom to add and whom to remove; each list changes all or nothing.
import { createRoute, z } from '@hono/zod-openapi';
import { refused } from '../../http/api-problem.js';
import { addGroupMembers, removeGroupMembers } from '../../services/group-members.js';
import { groupMembersPage } from '../../services/groups-page.js';
import { endpoint } from './endpoint.js';
import { IdParam, json, jsonBody, ProfileSchema, problems } from './schemas.js';

const MemberSchema = z.object({ id: z.number().int(), email: z.string(), name: z.string(), profile: ProfileSchema }).openapi('GroupMember');
const UserIds = z.object({ users: z.array(z.number().int().positive()).min(1).max(1000).openapi({ description: 'user ids' }) }).strict();

const list = createRoute({
  method: 'get',
  path: '/groups/{id}/members',
  summary: 'A group’s members by name, 50 a page',
  tags: ['Groups'],
  request: { params: IdParam, query: z.object({ page: z.coerce.number().int().min(1).default(1) }) },
  responses: {
    200: json('A page of members', z.object({ members: z.array(MemberSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })),
    ...problems({ 404: 'No such group', 422: 'A query parameter is not valid' }),
  },
});

const add = createRoute({
  method: 'post',
  path: '/groups/{id}/members',
  summary: 'Add members (up to 1,000 ids); those already in stay',
  tags: ['Groups'],
  request: { params: IdParam, ...jsonBody(UserIds.openapi('GroupMembersAdd')) },
  responses: {
    200: json('Who was added', z.object({ added: z.array(z.number().int()) })),
    ...problems({ 404: 'No such group', 409: 'A user id names nobody: nobody was added', 422: 'The list is not valid' }),
  },
});

const remove = createRoute({
  method: 'post',
  path: '/groups/{id}/members/remove',
  summary: 'Remove members (up to 1,000 ids); those not in are skipped',
  tags: ['Groups'],
  request: { params: IdParam, ...jsonBody(UserIds.openapi('GroupMembersRemove')) },
  responses: {
    200: json('Who was removed', z.object({ removed: z.array(z.number().int()) })),
    ...problems({ 404: 'No such group', 409: 'The owner stays in the space administrators: nobody was removed', 422: 'The list is not valid' }),
  },
});

export const groupMemberEndpoints = [
  endpoint('groups:read', list, async (c) => {
    const { page } = c.req.valid('query');
    const r = await groupMembersPage(c.get('deps'), c.get('actor'), c.req.valid('param').id, { search: '', page });
    if (!r.ok) return refused(c, r);
    return c.json({ members: r.members.map((m) => ({ id: m.id, email: m.email, name: m.displayName, profile: m.profile })), total: r.total, page, pageSize: r.pageSize }, 200);
  }),
  endpoint('groups:write', add, async (c) => {
    const r = await addGroupMembers(c.get('deps'), c.get('actor'), c.req.valid('param').id, c.req.valid('json').users);
    return r.ok ? c.json({ added: r.changed }, 200) : refused(c, r);
  }),
  endpoint('groups:write', remove, async (c) => {
    const r = await removeGroupMembers(c.get('deps'), c.get('actor'), c.req.valid('param').id, c.req.valid('json').users);
    return r.ok ? c.json({ removed: r.changed }, 200) : refused(c, r);
  }),
];
