// Groups over the API: list, get, create, update (name, description, permissions), delete; members in
// group-members.ts. The Groups tab's use cases, so the space administrators keep Space Admin, their
// name and the owner, and an active extension's group cannot go.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PERMISSIONS } from '../../domain/permissions.js';
import type { ApiEnv } from '../../http/api-env.js';
import { refused } from '../../http/api-problem.js';
import { createGroup, deleteGroup, updateGroup } from '../../services/groups.js';
import { groupById, groupsPage, GROUPS_PAGE_SIZE } from '../../services/groups-page.js';
import { endpoint } from './endpoint.js';
import { IdParam, json, jsonBody, problems } from './schemas.js';

const GroupSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    origin: z.enum(['space', 'extension', 'admin']).openapi({ description: 'space and extension groups keep their names' }),
    memberCount: z.number().int(),
    permissions: z.array(z.string()),
  })
  .openapi('Group');

const Permission = z.enum(PERMISSIONS as [string, ...string[]]);

const list = createRoute({
  method: 'get',
  path: '/groups',
  summary: `Groups by name, ${GROUPS_PAGE_SIZE} a page, with a name search`,
  tags: ['Groups'],
  request: {
    query: z.object({
      search: z.string().max(200).optional().openapi({ description: 'a substring of the name, any case' }),
      page: z.coerce.number().int().min(1).default(1),
    }),
  },
  responses: {
    200: json('A page of groups', z.object({ groups: z.array(GroupSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })),
    ...problems({ 422: 'A query parameter is not valid' }),
  },
});

const get = createRoute({
  method: 'get',
  path: '/groups/{id}',
  summary: 'One group with its permissions and member count',
  tags: ['Groups'],
  request: { params: IdParam },
  responses: { 200: json('The group', GroupSchema), ...problems({ 404: 'No such group' }) },
});

const create = createRoute({
  method: 'post',
  path: '/groups',
  summary: 'Create a group',
  tags: ['Groups'],
  request: {
    ...jsonBody(
      z.object({ name: z.string().max(200), description: z.string().max(2000).default(''), permissions: z.array(Permission).max(50).default([]) }).strict().openapi('GroupCreate'),
    ),
  },
  responses: { 201: json('Created', GroupSchema), ...problems({ 422: 'Name empty, too long or taken; description too long; an unknown permission' }) },
});

const update = createRoute({
  method: 'patch',
  path: '/groups/{id}',
  summary: 'Change a group’s name, description or permissions (what is left out stays)',
  tags: ['Groups'],
  request: {
    params: IdParam,
    ...jsonBody(z.object({ name: z.string().max(200).optional(), description: z.string().max(2000).optional(), permissions: z.array(Permission).max(50).optional() }).strict().openapi('GroupUpdate')),
  },
  responses: {
    200: json('The group as changed', GroupSchema),
    ...problems({ 404: 'No such group', 422: 'Invalid or taken name, a protected group’s new name, Space Admin taken from the space administrators' }),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/groups/{id}',
  summary: 'Delete a group: its members lose its permissions',
  tags: ['Groups'],
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problems({ 404: 'No such group', 409: 'The space administrators, or an active extension’s group' }) },
});

async function shown(c: Context<ApiEnv>, id: number, status: 200 | 201) {
  const r = await groupById(c.get('deps'), c.get('actor'), id);
  return r.ok ? c.json(r.group, status) : refused(c, r);
}

export const groupEndpoints = [
  endpoint('groups:read', list, async (c) => {
    const q = c.req.valid('query');
    const r = await groupsPage(c.get('deps'), c.get('actor'), { search: q.search ?? '', page: q.page });
    if (!r.ok) return refused(c, r);
    return c.json({ groups: r.groups, total: r.total, page: q.page, pageSize: r.pageSize }, 200);
  }),
  endpoint('groups:read', get, async (c) => shown(c, c.req.valid('param').id, 200)),
  endpoint('groups:write', create, async (c) => {
    const r = await createGroup(c.get('deps'), c.get('actor'), c.req.valid('json'));
    return r.ok ? shown(c, r.id, 201) : refused(c, r);
  }),
  endpoint('groups:write', update, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const found = await groupById(c.get('deps'), c.get('actor'), id);
    if (!found.ok) return refused(c, found);
    const g = found.group;
    const r = await updateGroup(c.get('deps'), c.get('actor'), id, {
      name: body.name ?? g.name,
      description: body.description ?? g.description,
      permissions: body.permissions ?? g.permissions,
    });
    return r.ok ? shown(c, id, 200) : refused(c, r);
  }),
  endpoint('groups:write', remove, async (c) => {
    const r = await deleteGroup(c.get('deps'), c.get('actor'), c.req.valid('param').id);
    return r.ok ? c.body(null, 204) : refused(c, r);
  }),
];
