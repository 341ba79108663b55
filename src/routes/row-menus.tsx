// A Users-tab row's "…" menu, fetched when it opens: the open menu for htmx, a page of the same items
// for a browser without JavaScript. The rows themselves carry only the link, which keeps the list light.
import type { Context } from 'hono';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { isHtmx } from '../http/htmx.js';
import { backToUsers } from '../http/list-params.js';
import { renderRefused } from '../http/messages.js';
import { renderShell } from '../http/pages.js';
import type { Actor } from '../services/actor.js';
import { userRow, type RowKind } from '../services/users-page.js';
import { Sheet } from '../../views/components/dialog.js';
import { RowMenu, RowMenuItems } from '../../views/users/row-menu.js';
import { idParam } from './params.js';

async function showMenu(c: Context<AppEnv>, actor: Actor, kind: RowKind) {
  const model = await userRow(c.get('deps'), actor, kind, idParam(c));
  if (!model.ok) return renderRefused(c, model);
  const ctx = { ...model.viewer, back: backToUsers(c.req.query('back')) };
  if (isHtmx(c)) return c.html(<RowMenu row={model.row} ctx={ctx} />);
  const title = `Actions for ${model.row.displayName ?? model.row.email}`;
  const body = (
    <Sheet title={title} back={ctx.back} backLabel="Users">
      <p class="muted">{model.row.email}</p>
      <div class="menu-page">
        <RowMenuItems row={model.row} ctx={ctx} />
      </div>
    </Sheet>
  );
  return renderShell(c, { title, active: 'users', body });
}

export const rowMenuRoutes: RouteDef[] = [
  { method: 'GET', path: '/users/:id{[0-9]+}/actions', access: needs('space_admin'), handler: signedIn((c, { user }) => showMenu(c, user, 'user')) },
  { method: 'GET', path: '/invitations/:id{[0-9]+}/actions', access: needs('space_admin'), handler: signedIn((c, { user }) => showMenu(c, user, 'invitation')) },
];
