// Edit User's "Effective permissions" for the group boxes ticked in the form, before they are saved: the
// fragment htmx asks for on every change of a box. Nothing is written; a plain browser is sent to Edit User.
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { isHtmx } from '../http/htmx.js';
import { renderRefused } from '../http/messages.js';
import { effectivePermissionsPreview } from '../services/member.js';
import { EffectivePermissions } from '../../views/users/edit-user.js';
import { idParam } from './params.js';

const showPreview = signedIn(async (c, { user }) => {
  const id = idParam(c);
  if (!isHtmx(c)) return c.redirect(`/users/${id}/edit`, 303);
  const groupIds = c.req.queries('groups')?.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0) ?? [];
  const preview = await effectivePermissionsPreview(c.get('deps'), user, id, groupIds.slice(0, 1000));
  if (!preview.ok) return renderRefused(c, preview);
  return c.html(<EffectivePermissions effective={preview.effective} basis="ticked" />);
});

export const userPermissionRoutes: RouteDef[] = [
  { method: 'GET', path: '/users/:id{[0-9]+}/effective-permissions', access: needs('space_admin'), handler: showPreview },
];
