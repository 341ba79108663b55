// Accepting an invitation from its link: the public page and its form.
import type { Context } from 'hono';
import { z } from 'zod';
import { PUBLIC, type RouteDef } from '../http/access.js';
import { clientAddress } from '../http/client-address.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str } from '../http/forms.js';
import { redirectAfterPost } from '../http/htmx.js';
import { renderBare } from '../http/pages.js';
import { RATE_RULES } from '../services/rate-limit.js';
import { writeSessionCookie } from '../http/session-cookie.js';
import { acceptInvitation, checkInvitationToken, type InvitationLinkProblem } from '../services/accept-invitation.js';
import { describeRefusal } from '../services/errors.js';
import { displayNameField, fieldErrors, newPasswordField } from '../services/inputs.js';
import { LinkProblemPage } from '../../views/pages/auth.js';
import { AcceptInvitePage } from '../../views/pages/accept-invite.js';

function problemPage(c: Context<AppEnv>, refusal: { code: InvitationLinkProblem | 'no_seat'; invitedBy?: string }) {
  const d = describeRefusal(refusal);
  const title = d.title ?? 'This invitation cannot be used';
  return renderBare(c, title, <LinkProblemPage title={title} message={d.words} />, d.status);
}

/** The accept form for a link that checks out: the invitation's own name offered until the invitee types one. */
async function acceptPage(c: Context<AppEnv>, token: string, form?: { values: { displayName: string }; errors: Record<string, string> }) {
  const deps = c.get('deps');
  const check = await checkInvitationToken(deps, deps.db, token);
  if (!check.ok) return problemPage(c, check);
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
      signedInAs={c.get('user')}
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
  if (!result.ok) return problemPage(c, result);
  writeSessionCookie(c, deps.config.secure, result.sessionToken);
  return redirectAfterPost(c, '/');
};

export const acceptInvitationRoutes: RouteDef[] = [
  { method: 'GET', path: '/invite/:token', access: PUBLIC, handler: showAccept },
  { method: 'POST', path: '/invite/:token', access: PUBLIC, handler: submitAccept },
];
