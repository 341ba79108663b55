// "Deactivate user" / "Reactivate user", a row action of the Users tab: a confirmation dialog (a page
// without JavaScript), then one use case. The row and the seats come back in place with htmx.
import { NOTICES } from './users.js';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import { readForm, str } from '../http/forms.js';
import { isHtmx, redirectAfterPost } from '../http/htmx.js';
import { backToUsers } from '../http/list-params.js';
import { refusalWords, renderRefused } from '../http/messages.js';
import { deactivateUser, reactivateUser } from '../services/deactivation.js';
import { userRow } from '../services/users-page.js';
import { ConfirmForm } from '../../views/components/confirm.js';
import { idParam } from './params.js';
import { afterDialog, withNotice } from './row-fragments.js';

type Change = 'deactivate' | 'reactivate';

const WORDS: Record<Change, { title: string; message: (who: string) => string; notice: string }> = {
  deactivate: {
    title: 'Deactivate user',
    message: (who) =>
      `Deactivate ${who}? They are signed out everywhere at once, cannot sign in, and their seat is freed. ` +
      'Their profile, groups and history stay, for a reactivation.',
    notice: 'user_deactivated',
  },
  reactivate: {
    title: 'Reactivate user',
    message: (who) => `Reactivate ${who}? They can sign in again and take a seat of their profile.`,
    notice: 'user_reactivated',
  },
};

const dialog = (change: Change, id: number, who: string, back: string, error?: string) => ({
  title: WORDS[change].title,
  active: 'users',
  back,
  backLabel: 'Users',
  body: (
    <ConfirmForm action={`/users/${id}/${change}`} message={WORDS[change].message(who)} button={WORDS[change].title} back={back} error={error} />
  ),
});

const show = (change: Change) =>
  signedIn(async (c, { user }) => {
    const found = await userRow(c.get('deps'), user, 'user', idParam(c));
    if (!found.ok) return renderRefused(c, found);
    const who = found.row.displayName ? `${found.row.displayName} (${found.row.email})` : found.row.email;
    return renderDialog(c, dialog(change, found.row.id, who, backToUsers(c.req.query('back'))));
  });

const submit = (change: Change) =>
  signedIn(async (c, { user }) => {
    const deps = c.get('deps');
    const back = backToUsers(str(await readForm(c), 'back'));
    const id = idParam(c);
    const result = change === 'deactivate' ? await deactivateUser(deps, user, id) : await reactivateUser(deps, user, id);
    if (!result.ok) {
      if (result.code === 'not_found' || result.code === 'forbidden') return renderRefused(c, result);
      const { words, status } = refusalWords(result);
      const found = await userRow(deps, user, 'user', id);
      const who = found.ok ? found.row.email : '';
      return renderDialogForm(c, dialog(change, id, who, back, words), status);
    }
    if (isHtmx(c)) return afterDialog(c, user, 'user', id, back, NOTICES[WORDS[change].notice]!);
    return redirectAfterPost(c, withNotice(back, WORDS[change].notice));
  });

export const deactivationRoutes: RouteDef[] = [
  { method: 'GET', path: '/users/:id{[0-9]+}/deactivate', access: needs('space_admin'), handler: show('deactivate') },
  { method: 'POST', path: '/users/:id{[0-9]+}/deactivate', access: needs('space_admin'), handler: submit('deactivate') },
  { method: 'GET', path: '/users/:id{[0-9]+}/reactivate', access: needs('space_admin'), handler: show('reactivate') },
  { method: 'POST', path: '/users/:id{[0-9]+}/reactivate', access: needs('space_admin'), handler: submit('reactivate') },
];
