// Pending invitations: the row actions (Copy invite link, Resend, Revoke) and accepting from the link.
import type { Context } from 'hono';
import { z } from 'zod';
import { findInvitation } from '../db/queries/invitations.js';
import { findListRow } from '../db/queries/user-list.js';
import { needs, PUBLIC, type RouteDef } from '../http/access.js';
import { clientAddress } from '../http/client-address.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str } from '../http/forms.js';
import { isHtmx, redirectAfterPost } from '../http/htmx.js';
import { backToUsers } from '../http/list-params.js';
import { invitationErrorMessage, invitationProblemMessage } from '../http/messages.js';
import { renderBare, renderNotFound, renderShell } from '../http/pages.js';
import { RATE_RULES } from '../http/rate-limit.js';
import { writeSessionCookie } from '../http/session-cookie.js';
import { acceptInvitation, checkInvitationToken, type InvitationProblem } from '../services/accept-invitation.js';
import { displayNameField, fieldErrors, newPasswordField } from '../services/inputs.js';
import { resendInvitation, revealInvitationLink, revokeInvitation } from '../services/invitation-actions.js';
import { LinkProblemPage } from '../../views/pages/auth.js';
import { AcceptInvitePage } from '../../views/pages/accept-invite.js';
import { Dialog, Sheet } from '../../views/components/dialog.js';
import { ConfirmForm, InviteLinkView } from '../../views/users/confirm.js';
import { afterDialog, rowResponse } from './row-fragments.js';
import { withNotice } from './user-actions.js';

function idParam(c: Context<AppEnv>): number {
  const id = Number(c.req.param('id'));
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

const showLink = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const back = backToUsers(str(await readForm(c), 'back'));
  const result = await revealInvitationLink(deps, c.get('user')!, idParam(c));
  if (!result.ok) {
    if (result.code === 'not_found') return renderNotFound(c);
    return actionError(c, result.code === 'forbidden' ? 403 : 409, invitationErrorMessage(result), back, idParam(c));
  }
  const expired = result.invitation.expiresAt <= deps.now();
  return renderDialog(c, {
    title: 'Copy invite link',
    active: 'users',
    back,
    backLabel: 'Users',
    body: <InviteLinkView email={result.invitation.email} link={result.link} expired={expired} back={back} />,
  });
};

/**
 * A row action that failed. With htmx: the row shows the error in place, or, when the row is gone (the
 * invitation was accepted or revoked meanwhile), a dialog says why and the row is removed. Without: a page.
 */
async function actionError(c: Context<AppEnv>, status: 403 | 409, message: string, back: string, rowId?: number) {
  if (isHtmx(c)) {
    if (rowId && (await findListRow(c.get('deps').db, 'invitation', rowId))) {
      return rowResponse(c, 'invitation', rowId, back, 409, message);
    }
    c.header('HX-Retarget', '#modal-root');
    c.header('HX-Reswap', 'innerHTML');
    return c.html(
      <>
        <Dialog title="That did not work">
          <div class="alert alert-error" role="alert">
            {message}
          </div>
        </Dialog>
        {rowId ? <hx-partial hx-target={`#row-invitation-${rowId}`} hx-swap="delete"></hx-partial> : null}
      </>,
      status,
    );
  }
  return renderShell(
    c,
    {
      title: 'Not done',
      active: 'users',
      body: (
        <Sheet title="That did not work" back={back} backLabel="Users">
          <div class="alert alert-error" role="alert">
            {message}
          </div>
        </Sheet>
      ),
    },
    status,
  );
}

const submitResend = async (c: Context<AppEnv>) => {
  const back = backToUsers(str(await readForm(c), 'back'));
  const id = idParam(c);
  const result = await resendInvitation(c.get('deps'), c.get('user')!, id);
  if (!result.ok) {
    if (result.code === 'not_found') return renderNotFound(c);
    return actionError(c, result.code === 'forbidden' ? 403 : 409, invitationErrorMessage(result), back, id);
  }
  if (isHtmx(c)) return rowResponse(c, 'invitation', id, back);
  return redirectAfterPost(c, withNotice(back, 'invitation_resent'));
};

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

const showRevoke = async (c: Context<AppEnv>) => {
  const invitation = await findInvitation(c.get('deps').db, idParam(c));
  if (!invitation || invitation.status !== 'pending') return renderNotFound(c);
  return renderDialog(c, revokeDialog(backToUsers(c.req.query('back')), invitation.id, invitation.email));
};

const submitRevoke = async (c: Context<AppEnv>) => {
  const back = backToUsers(str(await readForm(c), 'back'));
  const id = idParam(c);
  const result = await revokeInvitation(c.get('deps'), c.get('user')!, id);
  if (!result.ok) {
    if (result.code === 'not_found') return renderNotFound(c);
    const invitation = await findInvitation(c.get('deps').db, id);
    return renderDialogForm(c, revokeDialog(back, id, invitation?.email ?? '', invitationErrorMessage(result)), result.code === 'forbidden' ? 403 : 409);
  }
  if (isHtmx(c)) {
    return afterDialog(c, 'invitation', id, back);
  }
  return redirectAfterPost(c, withNotice(back, 'invitation_revoked'));
};

function problemPage(c: Context<AppEnv>, code: InvitationProblem | 'no_seat', invitedBy?: string) {
  const { title, message } = invitationProblemMessage(code, invitedBy);
  return renderBare(c, title, <LinkProblemPage title={title} message={message} />, code === 'no_seat' ? 409 : 410);
}

/** The accept form for a link that checks out: the invitation's own name offered until the invitee types one. */
async function acceptPage(c: Context<AppEnv>, token: string, form?: { values: { displayName: string }; errors: Record<string, string> }) {
  const deps = c.get('deps');
  const check = await checkInvitationToken(deps, deps.db, token);
  if (!check.ok) return problemPage(c, check.code, check.invitedBy);
  c.header('Referrer-Policy', 'no-referrer');
  const i = check.invitation;
  return renderBare(
    c,
    `Join ${check.spaceName}`,
    <AcceptInvitePage
      token={token}
      spaceName={check.spaceName}
      email={i.email}
      profile={i.profile}
      invitedBy={i.invitedByLabel}
      values={form?.values ?? { displayName: i.displayName ?? '' }}
      errors={form?.errors}
    />,
    form ? 422 : 200,
  );
}

const showAccept = (c: Context<AppEnv>) => acceptPage(c, c.req.param('token')!);

const acceptSchema = z.object({ displayName: displayNameField, password: newPasswordField });

const submitAccept = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const token = c.req.param('token')!;
  const limit = await deps.limiter.consume(deps.db, [
    [`accept:invitation:${token.split('.')[0] ?? ''}`, RATE_RULES.acceptPerInvitation],
    [`accept:ip:${clientAddress(c, deps.config.trustProxy)}`, RATE_RULES.acceptPerAddress],
  ]);
  if (!limit.allowed) {
    c.header('Retry-After', String(Math.ceil(limit.retryAfterMs / 1000)));
    return renderBare(c, 'Too many attempts', <LinkProblemPage title="Too many attempts" message="Wait a few minutes, then open the link again." />, 429);
  }
  const form = await readForm(c);
  const values = { displayName: str(form, 'displayName') };
  const parsed = acceptSchema.safeParse({ ...values, password: str(form, 'password') });
  if (!parsed.success) return acceptPage(c, token, { values, errors: fieldErrors(parsed.error) });
  const result = await acceptInvitation(deps, token, parsed.data);
  if (!result.ok) return problemPage(c, result.code, result.invitedBy);
  writeSessionCookie(c, deps.config.secure, result.sessionToken);
  return redirectAfterPost(c, '/');
};

export const invitationRoutes: RouteDef[] = [
  { method: 'POST', path: '/invitations/:id{[0-9]+}/link', access: needs('space_admin'), handler: showLink },
  { method: 'POST', path: '/invitations/:id{[0-9]+}/resend', access: needs('space_admin'), handler: submitResend },
  { method: 'GET', path: '/invitations/:id{[0-9]+}/revoke', access: needs('space_admin'), handler: showRevoke },
  { method: 'POST', path: '/invitations/:id{[0-9]+}/revoke', access: needs('space_admin'), handler: submitRevoke },
  { method: 'GET', path: '/invite/:token', access: PUBLIC, handler: showAccept },
  { method: 'POST', path: '/invite/:token', access: PUBLIC, handler: submitAccept },
];
