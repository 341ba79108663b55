// What htmx gets back after a row action: the row itself (and the seats, and the dialog closed).
import type { Context } from 'hono';
import { groupsOfInvitations, groupsOfUsers } from '../db/queries/groups.js';
import { findListRow } from '../db/queries/user-list.js';
import type { AppEnv } from '../http/env.js';
import { seatUsage } from '../services/seats.js';
import { rowId, UserRow } from '../../views/users/row.js';
import { SeatsSection } from '../../views/users/users-page.js';
import { findSpace } from '../db/queries/space.js';
import type { RowContext } from '../../views/users/row.js';

export async function rowContext(c: Context<AppEnv>, back: string): Promise<RowContext> {
  const { db, now } = c.get('deps');
  const user = c.get('user')!;
  const space = await findSpace(db);
  return { viewerId: user.id, viewerIsOwner: user.isOwner, ownerId: space?.ownerId ?? -1, now: now(), back };
}

async function renderRow(c: Context<AppEnv>, kind: 'user' | 'invitation', id: number, back: string, error?: string) {
  const { db } = c.get('deps');
  const row = await findListRow(db, kind, id);
  if (!row) return null;
  const groups = (kind === 'user' ? await groupsOfUsers(db, [id]) : await groupsOfInvitations(db, [id])).get(id) ?? [];
  return <UserRow row={row} groups={groups} ctx={await rowContext(c, back)} error={error} />;
}

/** Just the row, swapped in place of itself (with an error shown in it, when there is one). */
export async function rowResponse(c: Context<AppEnv>, kind: 'user' | 'invitation', id: number, back: string, status: 200 | 409 | 422 = 200, error?: string) {
  const row = await renderRow(c, kind, id, back, error);
  return row ? c.html(row, status) : c.html(<></>, 200); // gone meanwhile: an empty swap removes it
}

/** After a dialog's form succeeded: the row updated (or removed), the seats refreshed, the dialog closed. */
export async function afterDialog(c: Context<AppEnv>, kind: 'user' | 'invitation', id: number, back: string) {
  const deps = c.get('deps');
  const row = await renderRow(c, kind, id, back);
  const usage = await seatUsage(deps.db, deps.config.seats, deps.now());
  return c.html(
    <>
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
