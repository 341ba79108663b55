// My account: one's own display name and password.
import type { Context } from 'hono';
import { z } from 'zod';
import { SIGNED_IN, signedIn, type RouteDef, type SignedIn } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str } from '../http/forms.js';
import { redirectAfterPost } from '../http/htmx.js';
import { renderShell } from '../http/pages.js';
import { changeDisplayName, changePassword } from '../services/account.js';
import { endMyOtherSessions, endMySession, mySessions } from '../services/sessions.js';
import { refusalFieldErrors } from '../services/errors.js';
import { displayNameField, fieldErrors, newPasswordField } from '../services/inputs.js';
import { AccountPage } from '../../views/pages/account.js';

const NOTICES: Record<string, string> = {
  name_saved: 'Your name has been saved.',
  password_changed: 'Your password has been changed. Your other sessions have been signed out.',
  session_ended: 'That session has ended: the browser is signed out.',
  others_ended: 'Every other session has ended.',
};

const page = async (c: Context<AppEnv>, me: SignedIn, props: Omit<Parameters<typeof AccountPage>[0], 'user' | 'sessions'>, status: 200 | 422 = 200) => {
  const sessions = await mySessions(c.get('deps'), me.user, me.session.id);
  return renderShell(c, { title: 'My account', active: 'account', body: <AccountPage user={me.user} sessions={sessions} {...props} /> }, status);
};

const showAccount = signedIn((c, me) => page(c, me, { notice: NOTICES[c.req.query('notice') ?? ''] ?? null }));

const submitName = signedIn(async (c, me) => {
  const form = await readForm(c);
  const parsed = displayNameField.safeParse(str(form, 'displayName'));
  if (!parsed.success) {
    return page(c, me, { nameValue: str(form, 'displayName'), nameError: parsed.error.issues[0]!.message }, 422);
  }
  await changeDisplayName(c.get('deps'), me.user, parsed.data);
  return redirectAfterPost(c, '/account?notice=name_saved');
});

const passwordSchema = z
  .object({ current: z.string().min(1, 'Enter your current password.'), password: newPasswordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords are not the same.' });

const submitPassword = signedIn(async (c, me) => {
  const form = await readForm(c);
  const parsed = passwordSchema.safeParse({ current: str(form, 'current'), password: str(form, 'password'), confirm: str(form, 'confirm') });
  if (!parsed.success) return page(c, me, { passwordErrors: fieldErrors(parsed.error) }, 422);
  const result = await changePassword(c.get('deps'), me.user, me.session.id, parsed.data.current, parsed.data.password);
  if (!result.ok) return page(c, me, { passwordErrors: refusalFieldErrors(result) }, 422);
  return redirectAfterPost(c, '/account?notice=password_changed');
});

const endSession = signedIn(async (c, me) => {
  // Ending a session that is gone already (or not one's own) answers the same: it is not signed in.
  await endMySession(c.get('deps'), me.user, me.session.id, c.req.param('id') ?? '');
  return redirectAfterPost(c, '/account?notice=session_ended');
});

const endOthers = signedIn(async (c, me) => {
  await endMyOtherSessions(c.get('deps'), me.user, me.session.id);
  return redirectAfterPost(c, '/account?notice=others_ended');
});

export const accountRoutes: RouteDef[] = [
  { method: 'GET', path: '/account', access: SIGNED_IN, handler: showAccount },
  { method: 'POST', path: '/account/name', access: SIGNED_IN, handler: submitName },
  { method: 'POST', path: '/account/password', access: SIGNED_IN, handler: submitPassword },
  { method: 'POST', path: '/account/sessions/:id{[A-Za-z0-9]+}/end', access: SIGNED_IN, handler: endSession },
  { method: 'POST', path: '/account/sessions/end-others', access: SIGNED_IN, handler: endOthers },
];
