// The Groups tab: the list, Create group, Edit Group (permissions), Members, Delete group.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str, strs } from '../http/forms.js';
import { isHtmx, redirectAfterPost } from '../http/htmx.js';
import { isStatusRefusal, refusalWords, renderRefused } from '../http/messages.js';
import { renderShell } from '../http/pages.js';
import { byCount, plural } from '../domain/words.js';
import type { Actor } from '../services/actor.js';
import { refusalFieldErrors } from '../services/errors.js';
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, updateGroup, type GroupInput } from '../services/groups.js';
import { groupById, groupMemberRow, groupMembersPage, groupsPage, type GroupSummary } from '../services/groups-page.js';
import { ConfirmForm } from '../../views/components/confirm.js';
import { GroupForm, type GroupValues } from '../../views/groups/group-form.js';
import { GroupsPage } from '../../views/groups/groups-page.js';
import { MemberRow, MembersPage, MembersPanel } from '../../views/groups/members.js';
import { Dialog, Sheet } from '../../views/components/dialog.js';
import { GroupMenuItems, GroupRowMenu } from '../../views/groups/row-menu.js';
import { idParam, pageParam } from './params.js';

const NOTICES: Record<string, string> = {
  created: 'The group has been created.',
  saved: 'The group has been saved. Its members have its new permissions from their next click.',
  deleted: 'The group has been deleted. Its members lost its permissions.',
  added: 'The user has been added to the group.',
  removed: 'The user has been removed from the group.',
};

const notice = (c: Context<AppEnv>) => NOTICES[c.req.query('notice') ?? ''] ?? null;



const searchParam = (value: string | undefined) => (value ?? '').trim().slice(0, 100);

async function readGroupForm(c: Context<AppEnv>): Promise<GroupInput> {
  const form = await readForm(c);
  return { name: str(form, 'name').trim(), description: str(form, 'description').trim(), permissions: [...new Set(strs(form, 'permissions'))] };
}

const GROUP_FIELDS = ['name', 'description', 'permissions'] as const;
const dialog = (title: string, body: Child) => ({ title, active: 'users', back: '/groups', backLabel: 'Groups', body, wide: true });

const showGroups = signedIn(async (c, { user }) => {
  const search = searchParam(c.req.query('q'));
  const page = pageParam(c);
  const list = await groupsPage(c.get('deps'), user, { search, page });
  if (!list.ok) return renderRefused(c, list);
  const body = <GroupsPage groups={list.groups} total={list.total} page={page} pageSize={list.pageSize} search={search} notice={notice(c)} />;
  return renderShell(c, { title: 'Groups', active: 'users', body });
});

/** A row's "…" menu, fetched when it opens; without JavaScript, a page of the same items. */
const showMenu = signedIn(async (c, { user }) => {
  const found = await groupById(c.get('deps'), user, idParam(c));
  if (!found.ok) return renderRefused(c, found);
  const { group } = found;
  if (isHtmx(c)) return c.html(<GroupRowMenu group={group} />);
  const title = `Actions for ${group.name}`;
  const body = (
    <Sheet title={title} back="/groups" backLabel="Groups">
      <div class="menu-page">
        <GroupMenuItems group={group} />
      </div>
    </Sheet>
  );
  return renderShell(c, { title, active: 'users', body });
});

const NEW_GROUP: GroupValues = { name: '', description: '', permissions: [] };
const showNew = (c: Context<AppEnv>) => renderDialog(c, dialog('Create group', <GroupForm action="/groups" values={NEW_GROUP} submitLabel="Create group" />));

const submitNew = signedIn(async (c, { user }) => {
  const input = await readGroupForm(c);
  const result = await createGroup(c.get('deps'), user, input);
  if (!result.ok) {
    const body = <GroupForm action="/groups" values={input} errors={refusalFieldErrors(result, GROUP_FIELDS)} submitLabel="Create group" />;
    return renderDialogForm(c, dialog('Create group', body), refusalWords(result).status);
  }
  return redirectAfterPost(c, '/groups?notice=created');
});

const editDialog = (group: GroupSummary, isAdmins: boolean, values: GroupValues, errors?: Record<string, string>) =>
  dialog(
    `Edit Group ${group.name}`,
    <GroupForm action={`/groups/${group.id}`} values={values} errors={errors} nameLocked={group.origin !== 'admin'} isAdmins={isAdmins} submitLabel="Save" />,
  );

const showEdit = signedIn(async (c, { user }) => {
  const found = await groupById(c.get('deps'), user, idParam(c));
  if (!found.ok) return renderRefused(c, found);
  return renderDialog(c, editDialog(found.group, found.isAdmins, found.group));
});

const submitEdit = signedIn(async (c, { user }) => {
  const found = await groupById(c.get('deps'), user, idParam(c));
  if (!found.ok) return renderRefused(c, found);
  const input = await readGroupForm(c);
  const result = await updateGroup(c.get('deps'), user, found.group.id, input);
  if (!result.ok) {
    if (result.code === 'not_found') return renderRefused(c, result);
    return renderDialogForm(c, editDialog(found.group, found.isAdmins, input, refusalFieldErrors(result, GROUP_FIELDS)), refusalWords(result).status);
  }
  return redirectAfterPost(c, '/groups?notice=saved');
});

/** "Its 1 member loses…", "Its 3 members lose…", and nothing about members when it has none. */
const deleteWords = (group: GroupSummary) => {
  const n = group.memberCount;
  const who = n === 0 ? 'It has no members.' : `Its ${plural(n, 'member')} ${byCount(n, 'loses', 'lose')} its permissions at their next request.`;
  return `Delete the group ${group.name}? ${who} Users are not deleted.`;
};

const deleteDialog = (group: GroupSummary, error?: string) => ({
  ...dialog(
    'Delete group',
    <ConfirmForm
      action={`/groups/${group.id}/delete`}
      message={deleteWords(group)}
      button="Delete group"
      back="/groups"
      error={error}
    />,
  ),
  wide: false,
});

const showDelete = signedIn(async (c, { user }) => {
  const found = await groupById(c.get('deps'), user, idParam(c));
  if (!found.ok) return renderRefused(c, found);
  return renderDialog(c, deleteDialog(found.group));
});

const submitDelete = signedIn(async (c, { user }) => {
  const found = await groupById(c.get('deps'), user, idParam(c));
  if (!found.ok) return renderRefused(c, found);
  const result = await deleteGroup(c.get('deps'), user, found.group.id);
  if (!result.ok) {
    const { words, status } = refusalWords(result);
    return renderDialogForm(c, deleteDialog(found.group, words), status);
  }
  return redirectAfterPost(c, '/groups?notice=deleted');
});

/** htmx swapping the Members dialog's own panel (a search, an Add), rather than opening the dialog. */
const swapsMembersPanel = (c: Context<AppEnv>) => isHtmx(c) && c.req.header('hx-target') === 'div#members-panel';

/** Members: a page without JavaScript; with htmx, a dialog, or just its panel when the dialog swaps it. */
async function membersPage(c: Context<AppEnv>, actor: Actor, extra: { notice?: string | null; error?: string | null; search?: string }, status = 200) {
  const search = searchParam(extra.search ?? c.req.query('q'));
  const page = pageParam(c);
  const model = await groupMembersPage(c.get('deps'), actor, idParam(c), { search, page });
  if (!model.ok) return renderRefused(c, model);
  const props = { ...model, page, search, notice: extra.notice, error: extra.error };
  const code = status as 200 | 409;
  if (swapsMembersPanel(c)) return c.html(<MembersPanel {...props} inDialog />, code);
  if (isHtmx(c)) {
    return c.html(
      <Dialog title={`Members of ${model.group.name}`} wide>
        <MembersPanel {...props} inDialog />
      </Dialog>,
      code,
    );
  }
  return renderShell(c, { title: `Members of ${model.group.name}`, active: 'users', body: <MembersPage {...props} /> }, code);
}

const showMembers = signedIn((c, { user }) => membersPage(c, user, { notice: notice(c) }));

const submitAddMember = signedIn(async (c, { user }) => {
  const groupId = idParam(c);
  const form = await readForm(c);
  const result = await addGroupMember(c.get('deps'), user, groupId, Number(str(form, 'userId')) || 0);
  if (!result.ok) {
    if (isStatusRefusal(result)) return renderRefused(c, result);
    const { words, status } = refusalWords(result);
    return membersPage(c, user, { error: words, search: str(form, 'q') }, status);
  }
  const q = str(form, 'q').trim();
  if (swapsMembersPanel(c)) return membersPage(c, user, { notice: NOTICES.added ?? null, search: q });
  return redirectAfterPost(c, `/groups/${groupId}/members?notice=added${q ? `&q=${encodeURIComponent(q)}` : ''}`);
});

/**
 * After Members → Remove with htmx: the row goes away (the empty answer), and, out of band, the rest of the
 * page as it is now: the count and pages, the "Add users" results (the person removed can be added again,
 * so "Nobody outside the group matches…" may no longer hold), and the notice (replacing an "added" one).
 * The search and page come from the page the person is on (htmx sends its address).
 */
async function membersAfterRemove(c: Context<AppEnv>, actor: Actor, groupId: number) {
  const current = URL.canParse(c.req.header('hx-current-url') ?? '') ? new URL(c.req.header('hx-current-url')!) : null;
  const same = current !== null && current.pathname === `/groups/${groupId}/members`;
  const search = searchParam(same ? (current.searchParams.get('q') ?? undefined) : undefined);
  const pageNumber = Number(same ? current.searchParams.get('page') : 1);
  const page = Number.isSafeInteger(pageNumber) && pageNumber >= 1 ? pageNumber : 1;
  const model = await groupMembersPage(c.get('deps'), actor, groupId, { search, page });
  if (!model.ok) return c.html(<></>, 200);
  return c.html(
    <hx-partial hx-target="#main" hx-swap="innerHTML">
      <MembersPage {...model} page={page} search={search} notice={NOTICES.removed} />
    </hx-partial>,
  );
}

const submitRemoveMember = signedIn(async (c, { user }) => {
  const deps = c.get('deps');
  const groupId = idParam(c);
  const userId = idParam(c, 'userId');
  const result = await removeGroupMember(deps, user, groupId, userId);
  if (!result.ok) {
    if (isStatusRefusal(result)) return renderRefused(c, result);
    const { words, status } = refusalWords(result);
    if (isHtmx(c)) {
      const row = await groupMemberRow(deps, user, groupId, userId);
      if (row.ok) return c.html(<MemberRow groupId={groupId} m={row.member} locked={row.locked} />, status as 409);
    }
    return membersPage(c, user, { error: words }, status);
  }
  if (isHtmx(c)) return membersAfterRemove(c, user, groupId);
  return redirectAfterPost(c, `/groups/${groupId}/members?notice=removed`);
});

const admin = needs('space_admin');
export const groupRoutes: RouteDef[] = [
  { method: 'GET', path: '/groups', access: admin, handler: showGroups },
  { method: 'GET', path: '/groups/new', access: admin, handler: showNew },
  { method: 'POST', path: '/groups', access: admin, handler: submitNew },
  { method: 'GET', path: '/groups/:id{[0-9]+}/actions', access: admin, handler: showMenu },
  { method: 'GET', path: '/groups/:id{[0-9]+}/edit', access: admin, handler: showEdit },
  { method: 'POST', path: '/groups/:id{[0-9]+}', access: admin, handler: submitEdit },
  { method: 'GET', path: '/groups/:id{[0-9]+}/delete', access: admin, handler: showDelete },
  { method: 'POST', path: '/groups/:id{[0-9]+}/delete', access: admin, handler: submitDelete },
  { method: 'GET', path: '/groups/:id{[0-9]+}/members', access: admin, handler: showMembers },
  { method: 'POST', path: '/groups/:id{[0-9]+}/members', access: admin, handler: submitAddMember },
  { method: 'POST', path: '/groups/:id{[0-9]+}/members/:userId{[0-9]+}/remove', access: admin, handler: submitRemoveMember },
];
