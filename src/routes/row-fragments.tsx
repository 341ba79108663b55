// What htmx gets back after a row action: the row itself (and the seats, and the dialog closed). The row
// comes from the same read model as the Users page's rows.
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { Actor } from '../services/actor.js';
import { backToUsers, readUsersParams, usersHref, usersPageParams } from '../http/list-params.js';
import { seatsPanel, userRow, usersPage, type RowKind } from '../services/users-page.js';
import { rowId, UserRow } from '../../views/users/row.js';
import { SeatsSection, UsersNotice, UsersPager } from '../../views/users/users-page.js';

async function renderRow(c: Context<AppEnv>, actor: Actor, kind: RowKind, id: number, back: string, error?: string) {
  const model = await userRow(c.get('deps'), actor, kind, id);
  if (!model.ok) return null;
  return <UserRow row={model.row} groups={model.groups} ctx={{ ...model.viewer, back }} error={error} />;
}

/** Just the row, swapped in place of itself (with an error shown in it, when there is one). */
export async function rowResponse(c: Context<AppEnv>, actor: Actor, kind: RowKind, id: number, back: string, status: 200 | 409 | 422 = 200, error?: string) {
  const row = await renderRow(c, actor, kind, id, back, error);
  return row ? c.html(row, status) : c.html(<></>, 200); // gone meanwhile: an empty swap removes it
}

/** The list's count and pages as they are now, for the filters the list was shown with (`back`). */
async function renderPager(c: Context<AppEnv>, actor: Actor, back: string) {
  const params = readUsersParams(Object.fromEntries(new URL(backToUsers(back), 'http://x').searchParams));
  const page = await usersPage(c.get('deps'), actor, usersPageParams(params));
  if (!page.ok) return null;
  return <UsersPager query={page.query} total={page.total} href={(changes) => usersHref(params, changes)} />;
}

/**
 * After a dialog's form succeeded: the row updated (or removed), and, out of band, everything the action
 * counted differently: the seats, the list's count and pages, and the notice that says what happened.
 */
export async function afterDialog(c: Context<AppEnv>, actor: Actor, kind: RowKind, id: number, back: string, notice: string) {
  const [row, usage, pager] = await Promise.all([renderRow(c, actor, kind, id, back), seatsPanel(c.get('deps')), renderPager(c, actor, back)]);
  return c.html(
    <>
      {pager ? (
        <hx-partial hx-target="#users-pager" hx-swap="outerHTML">
          {pager}
        </hx-partial>
      ) : null}
      <hx-partial hx-target="#users-notice" hx-swap="outerHTML">
        <UsersNotice message={notice} />
      </hx-partial>
      {row ? (
        <hx-partial hx-target={`#${rowId(kind, id)}`} hx-swap="outerHTML">
          {row}
        </hx-partial>
      ) : (
        <hx-partial hx-target={`#${rowId(kind, id)}`} hx-swap="delete"></hx-partial>
      )}
      <hx-partial hx-target="#seats" hx-swap="outerHTML">
        <SeatsSection usage={usage} />
      </hx-partial>
      <hx-partial hx-target="#modal-root" hx-swap="innerHTML"></hx-partial>
    </>,
  );
}

/** Where a plain browser returns after a row action, with the notice that says what happened. */
export function withNotice(back: string, notice: string): string {
  return `${back}${back.includes('?') ? '&' : '?'}notice=${notice}`;
}
