// "Edit invitation" from a pending invitation's "…" menu: GET the form (dialog or page), POST it.
import { NOTICES } from './users.js';
import { z } from 'zod';
import { PROFILES } from '../domain/profiles.js';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import { readForm, str, strs } from '../http/forms.js';
import { isHtmx, redirectAfterPost } from '../http/htmx.js';
import { backToUsers } from '../http/list-params.js';
import { refusalWords, renderRefused } from '../http/messages.js';
import { editInvitation, editInvitationModel, type EditInvitationModel } from '../services/edit-invitation.js';
import { refusalFieldErrors } from '../services/errors.js';
import { EditInvitationForm, type EditInvitationValues } from '../../views/invitations/edit-invitation.js';
import { idParam } from './params.js';
import { afterDialog, withNotice } from './row-fragments.js';

const dialog = (model: EditInvitationModel, values: EditInvitationValues, back: string, errors?: Record<string, string>) => ({
  title: 'Edit invitation',
  active: 'users',
  back,
  backLabel: 'Users',
  body: <EditInvitationForm model={model} values={values} errors={errors} back={back} />,
});

const showEdit = signedIn(async (c, { user }) => {
  const model = await editInvitationModel(c.get('deps'), user, idParam(c));
  if (!model.ok) return renderRefused(c, model);
  const back = backToUsers(c.req.query('back'));
  return renderDialog(c, dialog(model, { profile: model.invitation.profile, groupIds: model.groupIds }, back));
});

const profileField = z.enum(PROFILES, { message: 'Choose a profile.' });

const submitEdit = signedIn(async (c, { user }) => {
  const deps = c.get('deps');
  const model = await editInvitationModel(deps, user, idParam(c));
  if (!model.ok) return renderRefused(c, model);
  const form = await readForm(c);
  const back = backToUsers(str(form, 'back'));
  const groupIds = strs(form, 'groups').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const profile = profileField.safeParse(str(form, 'profile'));
  const values = { profile: profile.data ?? model.invitation.profile, groupIds };
  if (!profile.success) return renderDialogForm(c, dialog(model, values, back, { profile: profile.error.issues[0]!.message }), 422);
  const result = await editInvitation(deps, user, model.invitation.id, { profile: profile.data, groupIds });
  if (!result.ok) {
    if (result.code === 'not_found' || result.code === 'forbidden') return renderRefused(c, result);
    return renderDialogForm(c, dialog(model, values, back, refusalFieldErrors(result, ['profile', 'groups'])), refusalWords(result).status);
  }
  if (isHtmx(c)) return afterDialog(c, user, 'invitation', model.invitation.id, back, NOTICES.invitation_saved!);
  return redirectAfterPost(c, withNotice(back, 'invitation_saved'));
});

export const invitationEditRoutes: RouteDef[] = [
  { method: 'GET', path: '/invitations/:id{[0-9]+}/edit', access: needs('space_admin'), handler: showEdit },
  { method: 'POST', path: '/invitations/:id{[0-9]+}/edit', access: needs('space_admin'), handler: submitEdit },
];
