// Users over the API: list (the Users tab's search, filters and orders, with cursor paging), get, update
// (name, profile, groups) and delete. Each is the use case the Users tab calls; refusals go through the one
// error table, so the owner rules answer here exactly as in the panel.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { decodeCursor, encodeCursor } from '../../http/api-cursor.js';
import { problem, refused } from '../../http/api-problem.js';
import { deleteUser } from '../../services/delete-user.js';
import { editUser } from '../../services/edit-user.js';
import { displayNameField } from '../../services/inputs.js';
import { editUserModel } from '../../services/member.js';
import { memberList } from '../../services/member-list.js';
import type { ServiceDeps } from '../../services/deps.js';
import type { Actor } from '../../services/actor.js';
import { endpoint } from './endpoint.js';
import { cursorQuery, GroupRefSchema, IdParam, iso, isoOrNull, json, jsonBody, limitQuery, NextCursor, ProfileSchema, problems, Time } from './schemas.js';

export const USERS_LIMIT_MAX = 200;

const UserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    profile: ProfileSchema,
    createdAt: Time,
    lastLoginAt: Time.nullable(),
    groups: z.array(GroupRefSchema),
  })
  .openapi('User');

const UserDetailSchema = UserSchema.extend({
  isOwner: z.boolean(),
  permissions: z.array(z.object({ permission: z.string(), groups: z.array(z.string()) })).openapi({ description: 'effective permissions and the groups that grant each' }),
}).openapi('UserDetail');

const ListQuery = z.object({
  search: z.string().max(200).optional().openapi({ description: 'a substring of the name or email, any case' }),
  profile: ProfileSchema.optional(),
  group: z.coerce.number().int().positive().optional().openapi({ description: 'members of this group id' }),
  sort: z.enum(['name', 'email', 'profile', 'last_login']).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  limit: limitQuery(USERS_LIMIT_MAX, 50),
  cursor: cursorQuery,
});

const list = createRoute({
  method: 'get',
  path: '/users',
  summary: 'List members: search, filter by profile or group, sort, cursor paging',
  description: 'Members only, in the Users tab’s orders; pending invitations are at /invitations.',
  tags: ['Users'],
  request: { query: ListQuery },
  responses: {
    200: json('A page of members', z.object({ users: z.array(UserSchema), nextCursor: NextCursor })),
    ...problems({ 400: 'A cursor made for another order, or not a cursor', 422: 'A query parameter is not valid' }),
  },
});

const get = createRoute({
  method: 'get',
  path: '/users/{id}',
  summary: 'One member, with groups, ownership and effective permissions',
  tags: ['Users'],
  request: { params: IdParam },
  responses: { 200: json('The member', UserDetailSchema), ...problems({ 404: 'No such member' }) },
});

const UpdateBody = z
  .object({
    name: displayNameField.optional(),
    profile: ProfileSchema.optional(),
    groups: z.array(z.number().int().positive()).max(1000).optional().openapi({ description: 'every group id the member is to be in (replaces the list)' }),
  })
  .strict()
  .openapi('UserUpdate');

const update = createRoute({
  method: 'patch',
  path: '/users/{id}',
  summary: 'Change a member’s name, profile or groups (what is left out stays)',
  tags: ['Users'],
  request: { params: IdParam, ...jsonBody(UpdateBody) },
  responses: {
    200: json('The member as changed', UserDetailSchema),
    ...problems({ 404: 'No such member', 409: 'No free seat of that profile, or the owner would leave the space administrators', 422: 'A field is not valid, or a group does not exist' }),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/users/{id}',
  summary: 'Delete a member: sessions end, memberships go, the seat is freed',
  tags: ['Users'],
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problems({ 404: 'No such member', 409: 'The owner cannot be deleted' }) },
});

async function detail(c: Context, deps: ServiceDeps, actor: Actor, id: number) {
  const model = await editUserModel(deps, actor, id);
  if (!model.ok) return refused(c, model);
  const names = new Map(model.groups.map((g) => [g.id, g.name]));
  const u = model.user;
  return c.json(
    {
      id: u.id,
      email: u.email,
      name: u.displayName,
      profile: u.profile,
      createdAt: iso(u.createdAt),
      lastLoginAt: isoOrNull(u.lastLoginAt),
      groups: model.memberOf.map((gid) => ({ id: gid, name: names.get(gid) ?? '' })),
      isOwner: model.isOwner,
      permissions: model.effective,
    },
    200,
  );
}

export const userEndpoints = [
  endpoint('users:read', list, async (c) => {
    const q = c.req.valid('query');
    const order = `users:${q.sort}:${q.dir}`;
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor, order);
    if (q.cursor !== undefined && after === null) return problem(c, 'bad_cursor', 'This cursor belongs to another order or is not one. Start again without it.', 'cursor');
    const r = await memberList(c.get('deps'), c.get('actor'), { search: q.search, profile: q.profile, groupId: q.group, sort: q.sort, dir: q.dir, after, limit: q.limit });
    if (!r.ok) return refused(c, r);
    return c.json(
      {
        users: r.rows.map((u) => ({
          id: u.id,
          email: u.email,
          name: u.displayName,
          profile: u.profile,
          createdAt: iso(u.createdAt),
          lastLoginAt: isoOrNull(u.lastLoginAt),
          groups: u.groups,
        })),
        nextCursor: r.next === null ? null : encodeCursor(order, r.next),
      },
      200,
    );
  }),
  endpoint('users:read', get, async (c) => detail(c, c.get('deps'), c.get('actor'), c.req.valid('param').id)),
  endpoint('users:write', update, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const deps = c.get('deps');
    const actor = c.get('actor');
    // What is left out stays as it is: read the member, then save through the panel's own use case.
    const now = await editUserModel(deps, actor, id);
    if (!now.ok) return refused(c, now);
    const r = await editUser(deps, actor, id, {
      displayName: body.name ?? now.user.displayName,
      profile: body.profile ?? now.user.profile,
      groupIds: body.groups ?? now.memberOf,
    });
    if (!r.ok) return refused(c, r);
    return detail(c, deps, actor, id);
  }),
  endpoint('users:write', remove, async (c) => {
    const r = await deleteUser(c.get('deps'), c.get('actor'), c.req.valid('param').id);
    if (!r.ok) return refused(c, r);
    return c.body(null, 204);
  }),
];
