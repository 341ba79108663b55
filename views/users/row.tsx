// One row of the Users tab. The page renders it inside the table, and htmx row actions get the same
// component back as their fragment. The row carries only its "…" link: its menu is fetched when opened
// (app.js asks htmx for it), or shown as a page of its own (without JavaScript), so 50 rows stay light.
// Cells carry no classes: the table's class styles them by column (see .user-table in app.css).
import type { FC } from 'hono/jsx';
import { PROFILE_LABELS } from '../../src/domain/profiles.js';
import { isSpaceAdministrators } from '../../src/domain/space.js';
import type { GroupRef, UserListRow, Viewer } from '../../src/services/users-page.js';
import { formatDay, formatTime } from '../components/format.js';

export interface RowContext extends Viewer {
  /** Where a plain form post returns to (the list with its filters). */
  back: string;
}

export const rowId = (kind: 'user' | 'invitation', id: number) => `row-${kind}-${id}`;

/** The name of a row's bulk-action checkbox: u12 for a member, i7 for an invitation (routes/users-bulk.tsx reads them). */
export const bulkBoxName = (kind: 'user' | 'invitation', id: number) => `${kind === 'user' ? 'u' : 'i'}${id}`;

/** The words for an email that "went out": with no RESEND_API_KEY it was only written to the server log. */
export const MAIL_LOGGED = 'written to the server log (no RESEND_API_KEY)';

const MailState: FC<{ row: UserListRow; mail: Viewer['mail'] }> = ({ row, mail }) => {
  switch (row.mailStatus) {
    case 'sent':
      return mail === 'log' ? <span class="badge-warn">email {MAIL_LOGGED}</span> : <span class="badge-ok">email sent</span>;
    case 'failed':
      return <span class="badge-bad">email failed: {row.mailError ?? 'unknown reason'}</span>;
    case 'queued':
    case 'sending':
      return <span class="badge-warn">{row.mailError ? `email retrying (${row.mailError})` : 'email queued'}</span>;
    default:
      return null;
  }
};

/** An invitation's expiry: the day, with the exact time for machines and on hover. */
const Expiry: FC<{ at: number; now: number }> = ({ at, now }) => (
  <time datetime={new Date(at).toISOString().replace('.000Z', 'Z')} title={formatTime(at)}>
    {formatDay(at, now)}
  </time>
);

/** The "…" menu's own address: its items as a page without JavaScript, the open menu for htmx. */
export function rowMenuHref(kind: 'user' | 'invitation', id: number, back: string): string {
  const base = `/${kind === 'user' ? 'users' : 'invitations'}/${id}/actions`;
  return back === '/users' ? base : `${base}?back=${encodeURIComponent(back)}`;
}

export const UserRow: FC<{ row: UserListRow; groups: GroupRef[]; ctx: RowContext; error?: string | null }> = ({ row, groups, ctx, error }) => {
  const isUser = row.kind === 'user';
  const expired = !isUser && row.expiresAt !== null && row.expiresAt <= ctx.now;
  const menu = rowMenuHref(row.kind, row.id, ctx.back);
  // Every byte here is sent 50 times a page: cells carry no classes (the table's class styles them by
  // column), badges only their colour class (.user-table gives them the badge's shape), groups are text.
  return (
    <tr id={rowId(row.kind, row.id)} class={error ? 'row-error' : undefined}>
      <td>
        {/* The row's checkbox for the bulk actions, named u<id> or i<id> (shorter than a name and a value, 50
            times a page), labelled by the name; an invitation without one, by its address. */}
        {row.displayName ? (
          <label>
            <input type="checkbox" name={bulkBoxName(row.kind, row.id)} />
            {row.displayName}
          </label>
        ) : (
          <>
            <input type="checkbox" name={bulkBoxName(row.kind, row.id)} aria-label={row.email} />—
          </>
        )}
        {isUser && row.id === ctx.ownerId ? <span class="badge-owner">Space owner</span> : null}
        {isUser && row.id === ctx.viewerId ? <span class="badge-you">You</span> : null}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
      <td>{row.email}</td>
      <td>
        <span class={`badge-${row.profile}`}>{PROFILE_LABELS[row.profile]}</span>
      </td>
      <td>{groupList(groups)}</td>
      <td>
        {isUser && row.deactivatedAt !== null ? (
          <span class="badge-bad">Deactivated</span>
        ) : isUser ? (
          'Active' // plain text (the column colours it): the usual state, 40 times a page; exceptions are badges
        ) : expired ? (
          <span class="badge-bad">
            Expired · <Expiry at={row.expiresAt!} now={ctx.now} />
          </span>
        ) : (
          <>
            <span class="badge-warn">
              Invited · expires <Expiry at={row.expiresAt!} now={ctx.now} />
            </span>
            <MailState row={row} mail={ctx.mail} />
            {row.inviterLapsed ? <span class="badge-bad">inviter no longer an admin</span> : null}
          </>
        )}
      </td>
      <td>{isUser ? (row.lastLoginAt ? formatTime(row.lastLoginAt) : 'Never') : null}</td>
      <td>
        <a href={menu} aria-label={`Actions for ${row.displayName ?? row.email}`}>
          …
        </a>
      </td>
    </tr>
  );
};

/** "analysts, space_administrators": the groups as text, the administrators' group marked. */
function groupList(groups: GroupRef[]) {
  return groups.map((g, i) => (
    <>
      {i > 0 ? ', ' : ''}
      {isSpaceAdministrators(g) ? <span class="badge-admin">{g.name}</span> : g.name}
    </>
  ));
}
