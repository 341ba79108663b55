// One row of the Users tab. The page renders it inside the table, and htmx row actions get the same
// component back as their fragment. The row carries only its "…" link: its menu is fetched when opened
// (app.js asks htmx for it), or shown as a page of its own (without JavaScript), so 50 rows stay light.
// Cells carry no classes: the table's class styles them by column (see .user-table in app.css).
import { html, raw } from 'hono/html';
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

/** The email's state beside a pending invitation. */
function mailState(row: UserListRow, mail: Viewer['mail']) {
  switch (row.mailStatus) {
    case 'sent':
      return mail === 'log' ? html`<span class="badge-warn">email ${MAIL_LOGGED}</span>` : html`<span class="badge-ok">email sent</span>`;
    case 'failed':
      return html`<span class="badge-bad">email failed: ${row.mailError ?? 'unknown reason'}</span>`;
    case 'queued':
    case 'sending':
      return html`<span class="badge-warn">${row.mailError ? `email retrying (${row.mailError})` : 'email queued'}</span>`;
    default:
      return null;
  }
}

/** An invitation's expiry: the day, with the exact time for machines and on hover. */
const expiry = (at: number, now: number) =>
  html`<time datetime="${new Date(at).toISOString().replace('.000Z', 'Z')}" title="${formatTime(at)}">${formatDay(at, now)}</time>`;

// The characters beyond ASCII come into the templates as strings: esbuild writes the bundle as ASCII by
// escaping them in string literals, but cannot in a template literal (its raw text would change), and a
// single one makes V8 hold the whole bundle's source as a two-byte string, twice its size (the build
// refuses such a bundle: src/binary/build.ts).
const MIDDOT = '·';
const DASH = '—';
const ELLIPSIS = '…';

/** The "…" menu's own address: its items as a page without JavaScript, the open menu for htmx. */
export function rowMenuHref(kind: 'user' | 'invitation', id: number, back: string): string {
  const base = `/${kind === 'user' ? 'users' : 'invitations'}/${id}/actions`;
  return back === '/users' ? base : `${base}?back=${encodeURIComponent(back)}`;
}

/** The status cell: members active or deactivated, invitations pending (with their email) or expired. */
function status(row: UserListRow, ctx: RowContext) {
  if (row.kind === 'user') {
    // "Active" is plain text (the column colours it): the usual state, 40 times a page; exceptions are badges.
    return row.deactivatedAt !== null ? html`<span class="badge-bad">Deactivated</span>` : 'Active';
  }
  if (row.expiresAt !== null && row.expiresAt <= ctx.now) return html`<span class="badge-bad">Expired ${MIDDOT} ${expiry(row.expiresAt, ctx.now)}</span>`;
  return html`<span class="badge-warn">Invited ${MIDDOT} expires ${expiry(row.expiresAt!, ctx.now)}</span>${mailState(row, ctx.mail)}${
    row.inviterLapsed ? html`<span class="badge-bad">inviter no longer an admin</span>` : null
  }`;
}

/**
 * The row, written as an escaping template rather than JSX: it is the one view rendered 50 times per
 * page, and hono/jsx builds a node per element, which made rendering the rows about three times slower
 * (0.29 against 0.10 ms for 50 rows). hono/html escapes every interpolated string, as JSX does.
 *
 * Every byte here is sent 50 times a page: cells carry no classes (the table's class styles them by
 * column), badges only their colour class (.user-table gives them the badge's shape), groups are text.
 * The row's checkbox for the bulk actions is named u<id> or i<id> (shorter than a name and a value),
 * labelled by the name; an invitation without one, by its address.
 */
export const UserRow: FC<{ row: UserListRow; groups: GroupRef[]; ctx: RowContext; error?: string | null }> = ({ row, groups, ctx, error }) => {
  const isUser = row.kind === 'user';
  const box = bulkBoxName(row.kind, row.id);
  return html`<tr id="${rowId(row.kind, row.id)}"${error ? raw(' class="row-error"') : null}><td>${
    row.displayName
      ? html`<label><input type="checkbox" name="${box}"/>${row.displayName}</label>`
      : html`<input type="checkbox" name="${box}" aria-label="${row.email}"/>${DASH}`
  }${isUser && row.id === ctx.ownerId ? html`<span class="badge-owner">Space owner</span>` : null}${
    isUser && row.id === ctx.viewerId ? html`<span class="badge-you">You</span>` : null
  }${error ? html`<p class="error" role="alert">${error}</p>` : null}</td><td>${row.email}</td><td><span class="badge-${row.profile}">${
    PROFILE_LABELS[row.profile]
  }</span></td><td>${groupList(groups)}</td><td>${status(row, ctx)}</td><td>${
    isUser ? (row.lastLoginAt ? formatTime(row.lastLoginAt) : 'Never') : null
  }</td><td><a href="${rowMenuHref(row.kind, row.id, ctx.back)}" aria-label="Actions for ${row.displayName ?? row.email}">${ELLIPSIS}</a></td></tr>`;
};

/** "analysts, space_administrators": the groups as text, the administrators' group marked. */
function groupList(groups: GroupRef[]) {
  return groups.map((g, i) => html`${i > 0 ? ', ' : ''}${isSpaceAdministrators(g) ? html`<span class="badge-admin">${g.name}</span>` : g.name}`);
}
