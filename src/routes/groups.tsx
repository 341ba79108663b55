// The Groups tab: the list, Create group, Edit Group (permissions), Members, Delete group.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { findGroup, findGroupMember, listGroups, searchNonMembers, type GroupSummary } from '../db/queries/groups.js';
import { listUsersAndInvitations } from '../db/queries/user-list.js';
import { findSpace } from '../db/queries/space.js';
import { needs, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str, strs } from '../http/forms.js';
import { isHtmx, redirectAfterPost } from '../http/htmx.js';
import { groupErrorMessage } from '../http/messages.js';
import { renderNotFound, renderShell } from '../http/pages.js';
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, updateGroup, type GroupInput } from '../services/groups.js';
import { SPACE_ADMINISTRATORS } from '../services/setup.js';
import { ConfirmForm } from '../../views/users/confirm.js';
import { GroupForm, type GroupValues } from '../../views/groups/group-form.js';
import { GroupsPage } from '../../views/groups/groups-page.js';
import { MemberRow, MembersPage } from '../../views/groups/members.js';

const NOTICES: Record<string, string> = {
  created: 'The group has been created.',
  saved: 'The group has been saved. Its members have its new permissions from their next click.',
  deleted: 'The group has been deleted. Its members lost its permissions.',
  added: 'The user has been added to the group.',
  removed: 'The user has been removed from the group.',
};

function idParam(c: Context<AppEnv>): number {
  const id = Number(c.req.param('id'));
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

async function readGroupForm(c: Context<AppEnv>): Promise<GroupInput> {
  const form = await readForm(c);
  return { name: str(form, 'name').trim(), description: str(form, 'description').trim(), permissions: [...new Set(strs(form, 'permissions'))] };
}

const dialog = (title: string, body: Child) => ({ title, active: 'users', back: '/groups', backLabel: 'Groups', body, wide: true });

function groupFormErrors(result: Extract<Awaited<ReturnType<typeof updateGroup>>, { ok: false }>): Record<string, string> {
  const message = groupErrorMessage(result);
  switch (result.code) {
    case 'invalid_name':
    case 'name_taken':
    case 'protected_name':
      return { name: message };
    case 'invalid_description':
      return { description: message };
    case 'admins_keep_space_admin':
    case 'unknown_permission':
      return { permissions: message };
    default:
      return { _: message };
  }
}

export const GROUPS_PAGE_SIZE = 50;

/** ?page=N, a positive whole number; anything else is page 1. */
function pageParam(c: Context<AppEnv>): number {
  const page = Number(c.req.query('page'));
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

const showGroups = async (c: Context<AppEnv>) => {
  const search = (c.req.query('q') ?? '').trim().slice(0, 100);
  const page = pageParam(c);
  const { groups, total } = await listGroups(c.get('deps').db, { search, page, pageSize: GROUPS_PAGE_SIZE });
  return renderShell(c, {
    title: 'Groups',
    active: 'users',
    body: (
      <GroupsPage
        groups={groups}
        total={total}
        page={page}
        pageSize={GROUPS_PAGE_SIZE}
        search={search}
        notice={NOTICES[c.req.query('notice') ?? ''] ?? null}
      />
    ),
  });
};

const showNew = (c: Context<AppEnv>) =>
  renderDialog(c, dialog('Create group', <GroupForm action="/groups" values={{ name: '', description: '', permissions: [] }} submitLabel="Create group" />));

const submitNew = async (c: Context<AppEnv>) => {
  const input = await readGroupForm(c);
  const result = await createGroup(c.get('deps'), c.get('user')!, input);
  if (!result.ok) {
    const body = <GroupForm action="/groups" values={input} errors={groupFormErrors(result)} submitLabel="Create group" />;
    return renderDialogForm(c, dialog('Create group', body), result.code === 'forbidden' ? 403 : 422);
  }
  return redirectAfterPost(c, '/groups?notice=created');
};

const editBody = (group: GroupSummary, values: GroupValues, errors?: Record<string, string>) => (
  <GroupForm
    action={`/groups/${group.id}`}
    values={values}
    errors={errors}
    nameLocked={group.origin !== 'admin'}
    isAdmins={group.name === SPACE_ADMINISTRATORS}
    submitLabel="Save"
  />
);

const showEdit = async (c: Context<AppEnv>) => {
  const group = await findGroup(c.get('deps').db, idParam(c));
  if (!group) return renderNotFound(c);
  return renderDialog(c, dialog(`Edit Group ${group.name}`, editBody(group, group)));
};

const submitEdit = async (c: Context<AppEnv>) => {
  const group = await findGroup(c.get('deps').db, idParam(c));
  if (!group) return renderNotFound(c);
  const input = await readGroupForm(c);
  const result = await updateGroup(c.get('deps'), c.get('user')!, group.id, input);
  if (!result.ok) {
    if (result.code === 'not_found') return renderNotFound(c);
    return renderDialogForm(c, dialog(`Edit Group ${group.name}`, editBody(group, input, groupFormErrors(result))), result.code === 'forbidden' ? 403 : 422);
  }
  return redirectAfterPost(c, '/groups?notice=saved');
};

const deleteBody = (group: GroupSummary, error?: string) => (
  <ConfirmForm
    action={`/groups/${group.id}/delete`}
    message={`Delete the group ${group.name}? Its ${group.memberCount} member${group.memberCount === 1 ? '' : 's'} lose its permissions at their next request. Users are not deleted.`}
    button="Delete group"
    back="/groups"
    error={error}
  />
);

const showDelete = async (c: Context<AppEnv>) => {
  const group = await findGroup(c.get('deps').db, idParam(c));
  if (!group) return renderNotFound(c);
  return renderDialog(c, { ...dialog('Delete group', deleteBody(group)), wide: false });
};

const submitDelete = async (c: Context<AppEnv>) => {
  const group = await findGroup(c.get('deps').db, idParam(c));
  if (!group) return renderNotFound(c);
  const result = await deleteGroup(c.get('deps'), c.get('user')!, group.id);
  if (!result.ok) {
    return renderDialogForm(c, { ...dialog('Delete group', deleteBody(group, groupErrorMessage(result))), wide: false }, result.code === 'forbidden' ? 403 : 409);
  }
  return redirectAfterPost(c, '/groups?notice=deleted');
};

async function membersPage(c: Context<AppEnv>, group: GroupSummary, extra: { notice?: string | null; error?: string | null; search?: string }, status: 200 | 409 = 200) {
  const { db } = c.get('deps');
  const search = (extra.search ?? c.req.query('q') ?? '').trim().slice(0, 100);
  const page = pageParam(c);
  const [list, space, candidates] = await Promise.all([
    // The Users tab's own list, filtered to the group's members: the same indexes and paging at any size.
    listUsersAndInvitations(db, { groupId: group.id, status: 'active', sort: 'name', dir: 'asc', page, pageSize: GROUPS_PAGE_SIZE, now: c.get('deps').now() }),
    findSpace(db),
    search ? searchNonMembers(db, group.id, search) : Promise.resolve(null),
  ]);
  return renderShell(
    c,
    {
      title: `Members of ${group.name}`,
      active: 'users',
      body: (
        <MembersPage
          group={group}
          members={list.rows.map((r) => ({ id: r.id, email: r.email, displayName: r.displayName ?? r.email, profile: r.profile }))}
          total={list.total}
          page={page}
          pageSize={GROUPS_PAGE_SIZE}
          ownerId={space?.ownerId ?? -1}
          isAdmins={group.name === SPACE_ADMINISTRATORS}
          search={search}
          candidates={candidates}
          notice={extra.notice}
          error={extra.error}
        />
      ),
    },
    status,
  );
}

const showMembers = async (c: Context<AppEnv>) => {
  const group = await findGroup(c.get('deps').db, idParam(c));
  if (!group) return renderNotFound(c);
  return membersPage(c, group, { notice: NOTICES[c.req.query('notice') ?? ''] ?? null });
};

const submitAddMember = async (c: Context<AppEnv>) => {
  const group = await findGroup(c.get('deps').db, idParam(c));
  if (!group) return renderNotFound(c);
  const form = await readForm(c);
  const result = await addGroupMember(c.get('deps'), c.get('user')!, group.id, Number(str(form, 'userId')) || 0);
  if (!result.ok) return membersPage(c, group, { error: groupErrorMessage(result), search: str(form, 'q') }, 409);
  const q = str(form, 'q').trim();
  return redirectAfterPost(c, `/groups/${group.id}/members?notice=added${q ? `&q=${encodeURIComponent(q)}` : ''}`);
};

const submitRemoveMember = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const group = await findGroup(deps.db, idParam(c));
  if (!group) return renderNotFound(c);
  const userId = Number(c.req.param('userId')) || 0;
  const result = await removeGroupMember(deps, c.get('user')!, group.id, userId);
  if (!result.ok) {
    if (isHtmx(c)) {
      const member = await findGroupMember(deps.db, group.id, userId);
      if (member) return c.html(<MemberRow groupId={group.id} m={member} locked />, 409);
    }
    return membersPage(c, group, { error: groupErrorMessage(result) }, 409);
  }
  if (isHtmx(c)) return c.html(<></>, 200); // the row goes away
  return redirectAfterPost(c, `/groups/${group.id}/members?notice=removed`);
};

const admin = needs('space_admin');
export const groupRoutes: RouteDef[] = [
  { method: 'GET', path: '/groups', access: admin, handler: showGroups },
  { method: 'GET', path: '/groups/new', access: admin, handler: showNew },
  { method: 'POST', path: '/groups', access: admin, handler: submitNew },
  { method: 'GET', path: '/groups/:id{[0-9]+}/edit', access: admin, handler: showEdit },
  { method: 'POST', path: '/groups/:id{[0-9]+}', access: admin, handler: submitEdit },
  { method: 'GET', path: '/groups/:id{[0-9]+}/delete', access: admin, handler: showDelete },
  { method: 'POST', path: '/groups/:id{[0-9]+}/delete', access: admin, handler: submitDelete },
  { method: 'GET', path: '/groups/:id{[0-9]+}/members', access: admin, handler: showMembers },
  { method: 'POST', path: '/groups/:id{[0-9]+}/members', access: admin, handler: submitAddMember },
  { method: 'POST', path: '/groups/:id{[0-9]+}/members/:userId{[0-9]+}/remove', access: admin, handler: submitRemoveMember },
];
