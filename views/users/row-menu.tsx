// A Users-tab row's actions: the "…" menu htmx fetches into the row when it opens, and, without
// JavaScript, the page that link leads to. Each item is a real link or form.
import type { FC } from 'hono/jsx';
import type { UserListRow } from '../../src/services/users-page.js';
import type { RowContext } from './row.js';

const ActionForm: FC<{ action: string; label: string; back: string; target?: string; swap?: string }> = (p) => (
  <form method="post" action={p.action} hx-post={p.action} hx-target={p.target ?? 'closest tr'} hx-swap={p.swap ?? 'outerHTML'}>
    <input type="hidden" name="back" value={p.back} />
    <button type="submit" class="menu-item" role="menuitem">
      {p.label}
    </button>
  </form>
);

const DialogLink: FC<{ href: string; label: string; back: string; danger?: boolean }> = (p) => {
  const href = p.back === '/users' ? p.href : `${p.href}?back=${encodeURIComponent(p.back)}`;
  return (
    <a href={href} hx-get={href} hx-target="#modal-root" hx-swap="innerHTML" class={p.danger ? 'menu-item danger' : 'menu-item'} role="menuitem">
      {p.label}
    </a>
  );
};

/** The items themselves, for the menu and for the page. */
export const RowMenuItems: FC<{ row: UserListRow; ctx: RowContext }> = ({ row, ctx }) => {
  const isOwner = row.kind === 'user' && row.id === ctx.ownerId;
  return (
    <div class="menu-items" role="menu">
      {row.kind === 'user' ? (
        <>
          <DialogLink href={`/users/${row.id}/edit`} label="Edit User" back={ctx.back} />
          {ctx.viewerIsOwner && !isOwner ? <DialogLink href={`/users/${row.id}/transfer`} label="Transfer Space Ownership" back={ctx.back} /> : null}
          {row.deactivatedAt !== null ? (
            <DialogLink href={`/users/${row.id}/reactivate`} label="Reactivate user" back={ctx.back} />
          ) : !isOwner && row.id !== ctx.viewerId ? (
            <DialogLink href={`/users/${row.id}/deactivate`} label="Deactivate user" back={ctx.back} />
          ) : null}
          {!isOwner && row.id !== ctx.viewerId ? <DialogLink href={`/users/${row.id}/delete`} label="Delete user" back={ctx.back} danger /> : null}
        </>
      ) : (
        <>
          <ActionForm action={`/invitations/${row.id}/link`} label="Copy invite link" back={ctx.back} target="#modal-root" swap="innerHTML" />
          <ActionForm action={`/invitations/${row.id}/resend`} label="Resend invitation" back={ctx.back} />
          <DialogLink href={`/invitations/${row.id}/edit`} label="Edit invitation" back={ctx.back} />
          <DialogLink href={`/invitations/${row.id}/revoke`} label="Revoke invitation" back={ctx.back} danger />
        </>
      )}
    </div>
  );
};

/** The open menu htmx puts in place of the row's "…" link. */
export const RowMenu: FC<{ row: UserListRow; ctx: RowContext }> = ({ row, ctx }) => (
  <details class="menu" open>
    <summary class="menu-btn" aria-label={`Actions for ${row.displayName ?? row.email}`}>
      …
    </summary>
    <RowMenuItems row={row} ctx={ctx} />
  </details>
);
