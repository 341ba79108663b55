// A pending invitation's row actions: Copy invite link, Resend invitation, Revoke invitation.
import type { Context } from 'hono';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str } from '../http/forms.js';
import { isHtmx, redirectAfterPost } from '../http/htmx.js';
import { backToUsers } from '../http/list-params.js';
import { refusalWords, renderRefused } from '../http/messages.js';
import { renderShell } from '../http/pages.js';
import type { Actor } from '../services/actor.js';
import type { Refusal } from '../services/errors.js';
import { invitationById, resendInvitation, revealInvitationLink, revokeInvitation } from '../services/invitation-actions.js';
import { userRow } from '../services/users-page.js';
import { Dialog, Sheet } from '../../views/components/dialog.js';
import { ConfirmForm, InviteLinkView } from '../../views/components/confirm.js';
import { afterDialog, rowResponse, withNotice } from './row-fragments.js';
import { NOTICES } from './users.js';
import { idParam } from './params.js';


/**
 * A row action that failed. With htmx: the row shows the error in place, or, when the row is gone (the
 * invitation was accepted or revoked meanwhile), a dialog says why and the row is removed. Without: a page.
 */
async function actionError(c: Context<AppEnv>, actor: Actor, refusal: Refusal, back: string, rowId: number) {
  const { words, status } = refusalWords(refusal);
  const alert = (
    <div class="alert alert-error" role="alert">
      {words}
    </div>
  );
  if (isHtmx(c)) {
    if ((await userRow(c.get('deps'), actor, 'invitation', rowId)).ok) return rowResponse(c, actor, 'invitation', rowId, back, 409, words);
    c.header('HX-Retarget', '#modal-root');
    c.header('HX-Reswap', 'innerHTML');
    return c.html(
      <>
        <Dialog title="That did not work">{alert}</Dialog>
        <hx-partial hx-target={`#row-invitation-${rowId}`} hx-swap="delete"></hx-partial>
      </>,
      status,
    );
  }
  const body = (
    <Sheet title="That did not work" back={back} backLabel="Users">
      {alert}
    </Sheet>
  );
  return renderShell(c, { title: 'Not done', active: 'users', body }, status);
}

const showLink = signedIn(async (c, { user }) => {
  const deps = c.get('deps');
  const back = backToUsers(str(await readForm(c), 'back'));
  const result = await revealInvitationLink(deps, user, idParam(c));
  if (!result.ok) return result.code === 'not_found' ? renderRefused(c, result) : actionError(c, user, result, back, idParam(c));
  const expired = result.invitation.expiresAt <= deps.now();
  const body = <InviteLinkView email={result.invitation.email} link={result.link} expired={expired} back={back} />;
  return renderDialog(c, { title: 'Copy invite link', active: 'users', back, backLabel: 'Users', body });
});

const submitResend = signedIn(async (c, { user }) => {
  const back = backToUsers(str(await readForm(c), 'back'));
  const id = idParam(c);
  const result = await resendInvitation(c.get('deps'), user, id);
  if (!result.ok) return result.code === 'not_found' ? renderRefused(c, result) : actionError(c, user, result, back, id);
  if (isHtmx(c)) return rowResponse(c, user, 'invitation', id, back);
  return redirectAfterPost(c, withNotice(back, 'invitation_resent'));
});

const revokeDialog = (back: string, id: number, email: string, error?: string) => ({
  title: 'Revoke invitation',
  active: 'users',
  back,
  backLabel: 'Users',
  body: (
    <ConfirmForm
      action={`/invitations/${id}/revoke`}
      message={`Revoke the invitation of ${email}? Its link stops working at once and its seat is freed.`}
      button="Revoke invitation"
      back={back}
      error={error}
    />
  ),
});

const showRevoke = signedIn(async (c, { user }) => {
  const found = await invitationById(c.get('deps'), user, idParam(c));
  if (!found.ok) return renderRefused(c, found);
  if (found.invitation.status !== 'pending') return renderRefused(c, { code: 'not_found' });
  return renderDialog(c, revokeDialog(backToUsers(c.req.query('back')), found.invitation.id, found.invitation.email));
});

const submitRevoke = signedIn(async (c, { user }) => {
  const back = backToUsers(str(await readForm(c), 'back'));
  const id = idParam(c);
  const result = await revokeInvitation(c.get('deps'), user, id);
  if (!result.ok) {
    if (result.code === 'not_found') return renderRefused(c, result);
    const { words, status } = refusalWords(result);
    const found = await invitationById(c.get('deps'), user, id);
    return renderDialogForm(c, revokeDialog(back, id, found.ok ? found.invitation.email : '', words), status);
  }
  if (isHtmx(c)) return afterDialog(c, user, 'invitation', id, back, NOTICES.invitation_revoked!);
  return redirectAfterPost(c, withNotice(back, 'invitation_revoked'));
});

export const invitationRoutes: RouteDef[] = [
  { method: 'POST', path: '/invitations/:id{[0-9]+}/link', access: needs('space_admin'), handler: showLink },
  { method: 'POST', path: '/invitations/:id{[0-9]+}/resend', access: needs('space_admin'), handler: submitResend },
  { method: 'GET', path: '/invitations/:id{[0-9]+}/revoke', access: needs('space_admin'), handler: showRevoke },
  { method: 'POST', path: '/invitations/:id{[0-9]+}/revoke', access: needs('space_admin'), handler: submitRevoke },
];
