// The "…" menu of a member's row: Edit User, Delete user, Transfer Space Ownership.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { PROFILES, type Profile, type SeatUsage } from '../domain/profiles.js';
import { needs, OWNER, signedIn, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str, strs } from '../http/forms.js';
import { isHtmx, redirectAfterPost } from '../http/htmx.js';
import { backToUsers } from '../http/list-params.js';
import { isStatusRefusal, refusalWords, renderRefused } from '../http/messages.js';
import { deleteUser } from '../services/delete-user.js';
import { editUser } from '../services/edit-user.js';
import { refusalFieldErrors } from '../services/errors.js';
import { displayNameField, fieldErrors } from '../services/inputs.js';
import { editUserModel, member, type EditUserModel, type Member } from '../services/member.js';
import { transferOwnership } from '../services/transfer-ownership.js';
import { seatsPanel } from '../services/users-page.js';
import { ConfirmForm, TransferForm } from '../../views/components/confirm.js';
import { EditUserForm, type EditValues } from '../../views/users/edit-user.js';
import { UserSecurityActions } from '../../views/account/user-security.js';
import { afterDialog, withNotice } from './row-fragments.js';
import { NOTICES } from './users.js';
import { idParam } from './params.js';


const dialog = (title: string, back: string, body: Child, wide = false) => ({ title, active: 'users', back, backLabel: 'Users', body, wide });

const editDialog = (model: EditUserModel, usage: Record<Profile, SeatUsage>, values: EditValues, back: string, errors?: Record<string, string>) =>
  dialog('Edit User', back, <EditUserForm {...model} usage={usage} values={values} errors={errors} back={back} />, true);

const showEdit = signedIn(async (c, { user }) => {
  const model = await editUserModel(c.get('deps'), user, idParam(c));
  if (!model.ok) return renderRefused(c, model);
  const back = backToUsers(c.req.query('back'));
  const values = { displayName: model.user.displayName, profile: model.user.profile, groupIds: model.memberOf };
  const dialogPage = editDialog(model, await seatsPanel(c.get('deps')), values, back);
  return renderDialog(c, { ...dialogPage, body: <>{dialogPage.body}<UserSecurityActions userId={model.user.id} back={back} /></> });
});

const editSchema = z.object({ displayName: displayNameField, profile: z.enum(PROFILES, { message: 'Choose a profile.' }) });

const submitEdit = signedIn(async (c, { user }) => {
  const deps = c.get('deps');
  const model = await editUserModel(deps, user, idParam(c));
  if (!model.ok) return renderRefused(c, model);
  const form = await readForm(c);
  const back = backToUsers(str(form, 'back'));
  const groupIds = strs(form, 'groups').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const raw = { displayName: str(form, 'displayName'), profile: str(form, 'profile') };
  const values: EditValues = { displayName: raw.displayName, profile: PROFILES.find((p) => p === raw.profile) ?? model.user.profile, groupIds };
  const parsed = editSchema.safeParse(raw);
  const usage = await seatsPanel(deps);
  if (!parsed.success) return renderDialogForm(c, editDialog(model, usage, values, back, fieldErrors(parsed.error)), 422);
  const result = await editUser(deps, user, model.user.id, { ...parsed.data, groupIds });
  if (!result.ok) {
    if (result.code === 'not_found') return renderRefused(c, result);
    return renderDialogForm(c, editDialog(model, usage, values, back, refusalFieldErrors(result, ['profile', 'groups'])), refusalWords(result).status);
  }
  if (isHtmx(c)) return afterDialog(c, user, 'user', model.user.id, back, NOTICES.user_saved!);
  return redirectAfterPost(c, withNotice(back, 'user_saved'));
});

const deleteForm = (m: Member, back: string, error?: string) => {
  const message = error
    ? `Delete ${m.displayName} (${m.email})?`
    : `Delete ${m.displayName} (${m.email})? Their sessions end at once, they leave every group, and their ${m.profile} seat is freed. This cannot be undone.`;
  return dialog('Delete user', back, <ConfirmForm action={`/users/${m.id}/delete`} message={message} button="Delete user" back={back} error={error} />);
};

const showDelete = signedIn(async (c, { user }) => {
  const target = await member(c.get('deps'), user, idParam(c));
  if (!target.ok) return renderRefused(c, target);
  return renderDialog(c, deleteForm(target.user, backToUsers(c.req.query('back'))));
});

const submitDelete = signedIn(async (c, { user }) => {
  const target = await member(c.get('deps'), user, idParam(c));
  if (!target.ok) return renderRefused(c, target);
  const back = backToUsers(str(await readForm(c), 'back'));
  const result = await deleteUser(c.get('deps'), user, target.user.id);
  if (!result.ok) {
    const { words, status } = refusalWords(result);
    return renderDialogForm(c, deleteForm(target.user, back, words), status);
  }
  if (isHtmx(c)) return afterDialog(c, user, 'user', target.user.id, back, NOTICES.user_deleted!);
  return redirectAfterPost(c, withNotice(back, 'user_deleted'));
});

const transferForm = (m: Member, back: string, error?: string) =>
  dialog('Transfer Space Ownership', back, <TransferForm userId={m.id} name={m.displayName} email={m.email} back={back} error={error} />);

const showTransfer = signedIn(async (c, { user }) => {
  const target = await member(c.get('deps'), user, idParam(c));
  if (!target.ok) return renderRefused(c, target);
  return renderDialog(c, transferForm(target.user, backToUsers(c.req.query('back'))));
});

const submitTransfer = signedIn(async (c, { user }) => {
  const target = await member(c.get('deps'), user, idParam(c));
  if (!target.ok) return renderRefused(c, target);
  const form = await readForm(c);
  const back = backToUsers(str(form, 'back'));
  const result = await transferOwnership(c.get('deps'), user, target.user.id, str(form, 'password'));
  if (!result.ok) {
    if (isStatusRefusal(result)) return renderRefused(c, result);
    const { words, status } = refusalWords(result);
    return renderDialogForm(c, transferForm(target.user, back, words), status);
  }
  // Every row's menu changes with the owner: reload the list rather than patch it.
  return redirectAfterPost(c, withNotice(back, 'ownership_transferred'));
});

export const userActionRoutes: RouteDef[] = [
  { method: 'GET', path: '/users/:id{[0-9]+}/edit', access: needs('space_admin'), handler: showEdit },
  { method: 'POST', path: '/users/:id{[0-9]+}', access: needs('space_admin'), handler: submitEdit },
  { method: 'GET', path: '/users/:id{[0-9]+}/delete', access: needs('space_admin'), handler: showDelete },
  { method: 'POST', path: '/users/:id{[0-9]+}/delete', access: needs('space_admin'), handler: submitDelete },
  { method: 'GET', path: '/users/:id{[0-9]+}/transfer', access: OWNER, handler: showTransfer },
  { method: 'POST', path: '/users/:id{[0-9]+}/transfer', access: OWNER, handler: submitTransfer },
];
