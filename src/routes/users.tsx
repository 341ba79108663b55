// The Users tab of "Users, Profiles & Groups": the list, and "Invite a User".
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { groupsOfInvitations, groupsOfUsers, listGroupRefs } from '../db/queries/groups.js';
import { listUsersAndInvitations } from '../db/queries/user-list.js';
import { PROFILES, type Profile } from '../domain/profiles.js';
import { needs, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str, strs } from '../http/forms.js';
import { backToUsers, readUsersParams, usersHref, USERS_PAGE_SIZE } from '../http/list-params.js';
import { inviteErrorMessage } from '../http/messages.js';
import { renderShell } from '../http/pages.js';
import { inviteUsers } from '../services/invite-users.js';
import { seatUsage } from '../services/seats.js';
import { InviteForm, InviteResults, type InviteValues } from '../../views/users/invite-form.js';
import { UsersPage } from '../../views/users/users-page.js';
import { rowContext } from './row-fragments.js';

export const NOTICES: Record<string, string> = {
  user_saved: 'The user has been saved.',
  user_deleted: 'The user has been deleted. Their sessions ended and their seat is free.',
  ownership_transferred: 'You transferred the ownership of the space.',
  invitation_resent: 'The invitation has been sent again, with a renewed expiry.',
  invitation_revoked: 'The invitation has been revoked: its link no longer works and its seat is free.',
};

const showUsers = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const params = readUsersParams(c.req.query());
  const query = {
    search: params.q,
    profile: params.profile,
    status: params.status,
    groupId: params.group,
    sort: params.sort,
    dir: params.dir,
    page: params.page,
    pageSize: USERS_PAGE_SIZE,
    now: deps.now(),
  };
  const [{ rows, total }, groups, usage] = await Promise.all([
    listUsersAndInvitations(deps.db, query),
    listGroupRefs(deps.db),
    seatUsage(deps.db, deps.config.seats, deps.now()),
  ]);
  const [userGroups, inviteGroups] = await Promise.all([
    groupsOfUsers(deps.db, rows.filter((r) => r.kind === 'user').map((r) => r.id)),
    groupsOfInvitations(deps.db, rows.filter((r) => r.kind === 'invitation').map((r) => r.id)),
  ]);
  const groupsByRow = new Map<string, { id: number; name: string }[]>();
  for (const [id, g] of userGroups) groupsByRow.set(`user-${id}`, g);
  for (const [id, g] of inviteGroups) groupsByRow.set(`invitation-${id}`, g);
  const ctx = await rowContext(c, usersHref(params));
  return renderShell(c, {
    title: 'Users',
    active: 'users',
    body: (
      <UsersPage
        rows={rows}
        groupsByRow={groupsByRow}
        total={total}
        query={query}
        groups={groups}
        usage={usage}
        ctx={ctx}
        notice={NOTICES[c.req.query('notice') ?? ''] ?? null}
        href={(changes) => usersHref(params, changes)}
      />
    ),
  });
};

const inviteDialog = (body: Child) => ({ title: 'Invite a User', active: 'users', back: '/users', backLabel: 'Users', body, wide: true });

const showInvite = async (c: Context<AppEnv>) => {
  const groups = await listGroupRefs(c.get('deps').db);
  return renderDialog(c, inviteDialog(<InviteForm groups={groups} />));
};

const profileField = z.enum(PROFILES, { message: 'Choose a profile.' });

const submitInvite = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const form = await readForm(c);
  const groups = await listGroupRefs(deps.db);
  const values: InviteValues = {
    emails: str(form, 'emails'),
    profile: (profileField.safeParse(str(form, 'profile')).data ?? 'reader') as Profile,
    groupIds: strs(form, 'groups').map(Number).filter((n) => Number.isInteger(n) && n > 0),
  };
  if (!profileField.safeParse(str(form, 'profile')).success) {
    return renderDialogForm(c, inviteDialog(<InviteForm groups={groups} values={values} error="Choose a profile." />), 422);
  }
  const result = await inviteUsers(deps, c.get('user')!, values);
  if (!result.ok) {
    const bad = result.code === 'malformed' ? result.malformed : undefined;
    const status = result.code === 'forbidden' ? 403 : result.code === 'not_enough_seats' ? 409 : 422;
    return renderDialogForm(
      c,
      inviteDialog(<InviteForm groups={groups} values={values} error={inviteErrorMessage(result)} badAddresses={bad} />),
      status,
    );
  }
  const back = backToUsers(str(form, 'back'));
  return renderDialogForm(c, inviteDialog(<InviteResults outcomes={result.outcomes} duplicates={result.duplicates} back={back} />), 200);
};

export const usersRoutes: RouteDef[] = [
  { method: 'GET', path: '/users', access: needs('space_admin'), handler: showUsers },
  { method: 'GET', path: '/users/invite', access: needs('space_admin'), handler: showInvite },
  { method: 'POST', path: '/users/invite', access: needs('space_admin'), handler: submitInvite },
];
