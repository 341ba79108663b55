// Edit User's security actions: "Send a password reset email" and "Sign out everywhere" (Space Admin).
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { readForm, str } from '../http/forms.js';
import { redirectAfterPost } from '../http/htmx.js';
import { backToUsers } from '../http/list-params.js';
import { refusalWords, renderRefused } from '../http/messages.js';
import { renderShell } from '../http/pages.js';
import { sendPasswordResetEmail, signOutEverywhere } from '../services/sessions.js';
import { FormError } from '../../views/components/form.js';
import { idParam } from './params.js';
import { withNotice } from './row-fragments.js';

const sendReset = signedIn(async (c, { user }) => {
  const back = backToUsers(str(await readForm(c), 'back'));
  const result = await sendPasswordResetEmail(c.get('deps'), user, idParam(c));
  if (!result.ok) {
    if (result.code !== 'password_off') return renderRefused(c, result);
    const { words, status } = refusalWords(result);
    return renderShell(c, { title: 'Password reset', active: 'users', body: <FormError message={words} /> }, status as 403);
  }
  return redirectAfterPost(c, withNotice(back, 'reset_sent'));
});

const signOut = signedIn(async (c, { user, session }) => {
  const back = backToUsers(str(await readForm(c), 'back'));
  const result = await signOutEverywhere(c.get('deps'), user, session.id, idParam(c));
  if (!result.ok) return renderRefused(c, result);
  return redirectAfterPost(c, withNotice(back, 'signed_out'));
});

export const userSecurityRoutes: RouteDef[] = [
  { method: 'POST', path: '/users/:id{[0-9]+}/password-reset', access: needs('space_admin'), handler: sendReset },
  { method: 'POST', path: '/users/:id{[0-9]+}/sign-out', access: needs('space_admin'), handler: signOut },
];
