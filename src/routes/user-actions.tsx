// The "…" menu of a member's row: Edit User, Delete user, Transfer Space Ownership.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { findGroupByName, groupsOfUser, listGroupRefs } from '../db/queries/groups.js';
import { findSpace } from '../db/queries/space.js';
import { findUserById, type User } from '../db/queries/users.js';
import { PROFILES } from '../domain/profiles.js';
import { needs, OWNER, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str, strs } from '../http/forms.js';
import { isHtmx, redirectAfterPost } from '../http/htmx.js';
import { backToUsers } from '../http/list-params.js';
import { deleteUserErrorMessage, editUserErrorMessage, transferErrorMessage } from '../http/messages.js';
import { renderNotFound } from '../http/pages.js';
import { deleteUser } from '../services/delete-user.js';
import { editUser } from '../services/edit-user.js';
import { displayNameField, fieldErrors } from '../services/inputs.js';
import { effectivePermissions } from '../services/principal.js';
import { SPACE_ADMINISTRATORS } from '../services/setup.js';
import { transferOwnership } from '../services/transfer-ownership.js';
import { ConfirmForm, TransferForm } from '../../views/users/confirm.js';
import { EditUserForm, type EditValues } from '../../views/users/edit-user.js';
import { afterDialog } from './row-fragments.js';

function userIdParam(c: Context<AppEnv>): number | null {
  const id = Number(c.req.param('id'));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

async function loadTarget(c: Context<AppEnv>): Promise<User | null> {
  const id = userIdParam(c);
  return id === null ? null : findUserById(c.get('deps').db, id);
}

const dialog = (title: string, back: string, body: Child, wide = false) => ({ title, active: 'users', back, backLabel: 'Users', body, wide });

async function editForm(c: Context<AppEnv>, user: User, values: EditValues, back: string, errors?: Record<string, string>) {
  const { db } = c.get('deps');
  const [groups, space, admins, effective] = await Promise.all([
    listGroupRefs(db),
    findSpace(db),
    findGroupByName(db, SPACE_ADMINISTRATORS),
    effectivePermissions(db, user.id),
  ]);
  return (
    <EditUserForm
      user={user}
      isOwner={space?.ownerId === user.id}
      groups={groups}
      adminsGroupId={admins?.id ?? null}
      values={values}
      errors={errors}
      effective={effective}
      back={back}
    />
  );
}

const showEdit = async (c: Context<AppEnv>) => {
  const user = await loadTarget(c);
  if (!user) return renderNotFound(c);
  const groups = await groupsOfUser(c.get('deps').db, user.id);
  const back = backToUsers(c.req.query('back'));
  const values = { displayName: user.displayName, profile: user.profile, groupIds: groups.map((g) => g.id) };
  return renderDialog(c, dialog('Edit User', back, await editForm(c, user, values, back), true));
};

const editSchema = z.object({ displayName: displayNameField, profile: z.enum(PROFILES, { message: 'Choose a profile.' }) });

const submitEdit = async (c: Context<AppEnv>) => {
  const user = await loadTarget(c);
  if (!user) return renderNotFound(c);
  const form = await readForm(c);
  const back = backToUsers(str(form, 'back'));
  const groupIds = strs(form, 'groups').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const raw = { displayName: str(form, 'displayName'), profile: str(form, 'profile') };
  const values: EditValues = { displayName: raw.displayName, profile: PROFILES.find((p) => p === raw.profile) ?? user.profile, groupIds };
  const parsed = editSchema.safeParse(raw);
  const fail = async (errors: Record<string, string>, status: 403 | 409 | 422) =>
    renderDialogForm(c, dialog('Edit User', back, await editForm(c, user, values, back, errors), true), status);
  if (!parsed.success) return fail(fieldErrors(parsed.error), 422);
  const result = await editUser(c.get('deps'), c.get('user')!, user.id, { ...parsed.data, groupIds });
  if (!result.ok) {
    const message = editUserErrorMessage(result);
    if (result.code === 'not_found') return renderNotFound(c);
    const field = result.code === 'not_enough_seats' ? 'profile' : result.code === 'forbidden' ? '_' : 'groups';
    return fail({ [field]: message }, result.code === 'forbidden' ? 403 : result.code === 'not_enough_seats' ? 409 : 422);
  }
  if (isHtmx(c)) return afterDialog(c, 'user', user.id, back);
  return redirectAfterPost(c, withNotice(back, 'user_saved'));
};

const showDelete = async (c: Context<AppEnv>) => {
  const user = await loadTarget(c);
  if (!user) return renderNotFound(c);
  const back = backToUsers(c.req.query('back'));
  const message = `Delete ${user.displayName} (${user.email})? Their sessions end at once, they leave every group, and their ${user.profile} seat is freed. This cannot be undone.`;
  return renderDialog(c, dialog('Delete user', back, <ConfirmForm action={`/users/${user.id}/delete`} message={message} button="Delete user" back={back} />));
};

const submitDelete = async (c: Context<AppEnv>) => {
  const user = await loadTarget(c);
  if (!user) return renderNotFound(c);
  const back = backToUsers(str(await readForm(c), 'back'));
  const result = await deleteUser(c.get('deps'), c.get('user')!, user.id);
  if (!result.ok) {
    const message = `Delete ${user.displayName} (${user.email})?`;
    const body = <ConfirmForm action={`/users/${user.id}/delete`} message={message} button="Delete user" back={back} error={deleteUserErrorMessage(result)} />;
    return renderDialogForm(c, dialog('Delete user', back, body), result.code === 'forbidden' ? 403 : 409);
  }
  if (isHtmx(c)) return afterDialog(c, 'user', user.id, back);
  return redirectAfterPost(c, withNotice(back, 'user_deleted'));
};

const showTransfer = async (c: Context<AppEnv>) => {
  const user = await loadTarget(c);
  if (!user) return renderNotFound(c);
  const back = backToUsers(c.req.query('back'));
  const body = <TransferForm userId={user.id} name={user.displayName} email={user.email} back={back} />;
  return renderDialog(c, dialog('Transfer Space Ownership', back, body));
};

const submitTransfer = async (c: Context<AppEnv>) => {
  const user = await loadTarget(c);
  if (!user) return renderNotFound(c);
  const form = await readForm(c);
  const back = backToUsers(str(form, 'back'));
  const result = await transferOwnership(c.get('deps'), c.get('user')!, user.id, str(form, 'password'));
  if (!result.ok) {
    const body = <TransferForm userId={user.id} name={user.displayName} email={user.email} back={back} error={transferErrorMessage(result)} />;
    return renderDialogForm(c, dialog('Transfer Space Ownership', back, body), result.code === 'wrong_password' ? 422 : 409);
  }
  // Every row's menu changes with the owner: reload the list rather than patch it.
  return redirectAfterPost(c, withNotice(back, 'ownership_transferred'));
};

export function withNotice(back: string, notice: string): string {
  return `${back}${back.includes('?') ? '&' : '?'}notice=${notice}`;
}

export const userActionRoutes: RouteDef[] = [
  { method: 'GET', path: '/users/:id{[0-9]+}/edit', access: needs('space_admin'), handler: showEdit },
  { method: 'POST', path: '/users/:id{[0-9]+}', access: needs('space_admin'), handler: submitEdit },
  { method: 'GET', path: '/users/:id{[0-9]+}/delete', access: needs('space_admin'), handler: showDelete },
  { method: 'POST', path: '/users/:id{[0-9]+}/delete', access: needs('space_admin'), handler: submitDelete },
  { method: 'GET', path: '/users/:id{[0-9]+}/transfer', access: OWNER, handler: showTransfer },
  { method: 'POST', path: '/users/:id{[0-9]+}/transfer', access: OWNER, handler: submitTransfer },
];
