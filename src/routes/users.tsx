// The Users tab of "Users, Profiles & Groups": the list, and "Invite a User".
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { PROFILES } from '../domain/profiles.js';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import { readForm, str, strs } from '../http/forms.js';
import { backToUsers, readUsersParams, usersHref, usersPageParams } from '../http/list-params.js';
import { refusalWords, renderRefused } from '../http/messages.js';
import { renderShell } from '../http/pages.js';
import { inviteUsers } from '../services/invite-users.js';
import { groupSuggestions, inviteChoices, usersPage } from '../services/users-page.js';
import { InviteForm, InviteResults, type InviteValues } from '../../views/users/invite-form.js';
import { UsersPage } from '../../views/users/users-page.js';
import { bulkNotice } from './users-bulk.js';

export const NOTICES: Record<string, string> = {
  user_saved: 'The user has been saved.',
  user_deleted: 'The user has been deleted. Their sessions ended and their seat is free.',
  user_deactivated: 'The user has been deactivated: their sessions ended and their seat is free.',
  user_reactivated: 'The user has been reactivated and holds a seat again.',
  ownership_transferred: 'You transferred the ownership of the space.',
  invitation_resent: 'The invitation has been sent again, with a renewed expiry.',
  invitation_revoked: 'The invitation has been revoked: its link no longer works and its seat is free.',
  invitation_saved: 'The invitation has been saved; its link stays the same.',
  reset_sent: 'A password reset email is on its way to the user.',
  signed_out: 'The user has been signed out everywhere.',
};

const showUsers = signedIn(async (c, { user }) => {
  const params = readUsersParams(c.req.query());
  const page = await usersPage(c.get('deps'), user, usersPageParams(params));
  if (!page.ok) return renderRefused(c, page);
  return renderShell(c, {
    title: 'Users',
    active: 'users',
    body: (
      <UsersPage
        rows={page.rows}
        total={page.total}
        query={page.query}
        groupFilter={page.groupFilter}
        usage={page.usage}
        ctx={{ ...page.viewer, back: usersHref(params) }}
        notice={NOTICES[c.req.query('notice') ?? ''] ?? bulkNotice(c.req.query())}
        href={(changes) => usersHref(params, changes)}
      />
    ),
  });
});

/** The group filter's suggestions, as the options of its datalist (htmx asks as people type). */
const showGroupOptions = signedIn(async (c, { user }) => {
  const found = await groupSuggestions(c.get('deps'), user, (c.req.query('group_name') ?? '').slice(0, 200));
  if (!found.ok) return renderRefused(c, found);
  return c.html(<>{found.groups.map((g) => <option value={g.name}></option>)}</>);
});

const inviteDialog = (body: Child) => ({ title: 'Invite a User', active: 'users', back: '/users', backLabel: 'Users', body, wide: true });

const showInvite = signedIn(async (c, { user }) => {
  const choices = await inviteChoices(c.get('deps'), user);
  if (!choices.ok) return renderRefused(c, choices);
  return renderDialog(c, inviteDialog(<InviteForm groups={choices.groups} usage={choices.usage} />));
});

const profileField = z.enum(PROFILES, { message: 'Choose a profile.' });

function readInviteForm(form: Record<string, string | string[]>): { values: InviteValues; profileError: string | null } {
  const profile = profileField.safeParse(str(form, 'profile'));
  const values: InviteValues = {
    emails: str(form, 'emails'),
    profile: profile.data ?? 'reader',
    groupIds: strs(form, 'groups').map(Number).filter((n) => Number.isInteger(n) && n > 0),
  };
  return { values, profileError: profile.success ? null : profile.error.issues[0]!.message };
}

const submitInvite = signedIn(async (c, { user }) => {
  const deps = c.get('deps');
  const form = await readForm(c);
  const choices = await inviteChoices(deps, user);
  if (!choices.ok) return renderRefused(c, choices);
  const { values, profileError } = readInviteForm(form);
  const again = (error: string, status: number, badAddresses?: string[]) =>
    renderDialogForm(c, inviteDialog(<InviteForm groups={choices.groups} usage={choices.usage} values={values} error={error} badAddresses={badAddresses} />), status as 403 | 409 | 422);
  if (profileError) return again(profileError, 422);
  const result = await inviteUsers(deps, user, values);
  if (!result.ok) {
    const { words, status } = refusalWords(result);
    return again(words, status, result.code === 'malformed' ? result.malformed : undefined);
  }
  const back = backToUsers(str(form, 'back'));
  return renderDialogForm(c, inviteDialog(<InviteResults outcomes={result.outcomes} duplicates={result.duplicates} back={back} mail={deps.config.resendApiKey ? 'resend' : 'log'} />), 200);
});

export const usersRoutes: RouteDef[] = [
  { method: 'GET', path: '/users', access: needs('space_admin'), handler: showUsers },
  { method: 'GET', path: '/users/group-options', access: needs('space_admin'), handler: showGroupOptions },
  { method: 'GET', path: '/users/invite', access: needs('space_admin'), handler: showInvite },
  { method: 'POST', path: '/users/invite', access: needs('space_admin'), handler: submitInvite },
];
