// One row of the Users tab. The page renders it inside the table, and htmx row actions get the same
// component back as their fragment.
import type { FC } from 'hono/jsx';
import { PROFILE_LABELS } from '../../src/domain/profiles.js';
import { isSpaceAdministrators } from '../../src/domain/space.js';
import type { GroupRef, UserListRow, Viewer } from '../../src/services/users-page.js';
import { formatTime } from '../components/format.js';

export interface RowContext extends Viewer {
  /** Where a plain form post returns to (the list with its filters). */
  back: string;
}

export const rowId = (kind: 'user' | 'invitation', id: number) => `row-${kind}-${id}`;

const MailState: FC<{ row: UserListRow }> = ({ row }) => {
  switch (row.mailStatus) {
    case 'sent':
      return <span class="badge badge-ok">email sent</span>;
    case 'failed':
      return (
        <span class="badge badge-bad" title={row.mailError ?? ''}>
          email failed: {row.mailError ?? 'unknown reason'}
        </span>
      );
    case 'queued':
    case 'sending':
      return (
        <span class="badge badge-warn" title={row.mailError ?? ''}>
          {row.mailError ? `email retrying (${row.mailError})` : 'email queued'}
        </span>
      );
    default:
      return null;
  }
};

const ActionForm: FC<{ action: string; label: string; back: string; target?: string; swap?: string; danger?: boolean }> = (p) => (
  <form method="post" action={p.action} hx-post={p.action} hx-target={p.target ?? 'closest tr'} hx-swap={p.swap ?? 'outerHTML'}>
    <input type="hidden" name="back" value={p.back} />
    <button type="submit" class={p.danger ? 'menu-item danger' : 'menu-item'} role="menuitem">
      {p.label}
    </button>
  </form>
);

const DialogLink: FC<{ href: string; label: string; danger?: boolean }> = (p) => (
  <a href={p.href} hx-get={p.href} hx-target="#modal-root" hx-swap="innerHTML" class={p.danger ? 'menu-item danger' : 'menu-item'} role="menuitem">
    {p.label}
  </a>
);

export const UserRow: FC<{ row: UserListRow; groups: GroupRef[]; ctx: RowContext; error?: string | null }> = ({ row, groups, ctx, error }) => {
  const isUser = row.kind === 'user';
  const isOwner = isUser && row.id === ctx.ownerId;
  const expired = !isUser && row.expiresAt !== null && row.expiresAt <= ctx.now;
  const name = row.displayName ?? row.email;
  return (
    <tr id={rowId(row.kind, row.id)} class={error ? 'row-error' : undefined}>
      <td>
        <div class="cell-name">
          {row.displayName ? <strong>{row.displayName}</strong> : <span class="muted">—</span>}
          {isOwner ? <span class="badge badge-owner">Space owner</span> : null}
          {isUser && row.id === ctx.viewerId ? <span class="badge">You</span> : null}
        </div>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
      <td>{row.email}</td>
      <td>
        <span class={`badge badge-${row.profile}`}>{PROFILE_LABELS[row.profile]}</span>
      </td>
      <td>{groups.length ? groups.map((g) => <span class={isSpaceAdministrators(g) ? 'badge badge-admin' : 'badge'}>{g.name}</span>) : <span class="muted">—</span>}</td>
      <td>
        {isUser && row.deactivatedAt !== null ? (
          <span class="badge badge-bad">Deactivated</span>
        ) : isUser ? (
          <span class="badge badge-ok">Active</span>
        ) : expired ? (
          <span class="badge badge-bad">Expired</span>
        ) : (
          <span class="status-stack">
            <span class="badge badge-warn">Invited</span>
            <MailState row={row} />
          </span>
        )}
      </td>
      <td class="nowrap small">
        {isUser ? (
          row.lastLoginAt ? (
            <time datetime={new Date(row.lastLoginAt).toISOString()}>{formatTime(row.lastLoginAt)}</time>
          ) : (
            <span class="muted">Never</span>
          )
        ) : (
          <span class="muted">
            {expired ? 'Expired' : 'Expires'}
            <br />
            <time datetime={new Date(row.expiresAt!).toISOString()}>{formatTime(row.expiresAt!)}</time>
          </span>
        )}
      </td>
      <td class="actions">
        <details class="menu">
          <summary class="btn btn-ghost btn-small" aria-label={`Actions for ${name}`}>
            …
          </summary>
          <div class="menu-items" role="menu">
            {isUser ? (
              <>
                <DialogLink href={`/users/${row.id}/edit`} label="Edit User" />
                {ctx.viewerIsOwner && !isOwner ? <DialogLink href={`/users/${row.id}/transfer`} label="Transfer Space Ownership" /> : null}
                {row.deactivatedAt !== null ? (
                  <DialogLink href={`/users/${row.id}/reactivate`} label="Reactivate user" />
                ) : !isOwner && row.id !== ctx.viewerId ? (
                  <DialogLink href={`/users/${row.id}/deactivate`} label="Deactivate user" />
                ) : null}
                {!isOwner && row.id !== ctx.viewerId ? <DialogLink href={`/users/${row.id}/delete`} label="Delete user" danger /> : null}
              </>
            ) : (
              <>
                <ActionForm action={`/invitations/${row.id}/link`} label="Copy invite link" back={ctx.back} target="#modal-root" swap="innerHTML" />
                <ActionForm action={`/invitations/${row.id}/resend`} label="Resend invitation" back={ctx.back} />
                <DialogLink href={`/invitations/${row.id}/revoke`} label="Revoke invitation" danger />
              </>
            )}
          </div>
        </details>
      </td>
    </tr>
  );
};
