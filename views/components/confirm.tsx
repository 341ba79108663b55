import type { FC } from 'hono/jsx';
import { Field, FormError } from '../components/form.js';
import { FormActions } from './dialog.js';

/** A confirmation form: "Delete user", "Revoke invitation". */
export const ConfirmForm: FC<{ action: string; message: string; button: string; back: string; error?: string | null }> = (p) => (
  <form id="confirm-form" method="post" action={p.action} hx-post={p.action} hx-target="#confirm-form" hx-swap="outerHTML" class="stack">
    <input type="hidden" name="back" value={p.back} />
    <FormError message={p.error} />
    <p>{p.message}</p>
    <FormActions submit={p.button} back={p.back} danger />
  </form>
);

export const TransferForm: FC<{ userId: number; name: string; email: string; back: string; error?: string | null }> = (p) => (
  <form
    id="transfer-form"
    method="post"
    action={`/users/${p.userId}/transfer`}
    hx-post={`/users/${p.userId}/transfer`}
    hx-target="#transfer-form"
    hx-swap="outerHTML"
    class="stack"
  >
    <input type="hidden" name="back" value={p.back} />
    <p>
      <strong>{p.name}</strong> ({p.email}) will become the owner of the space and a member of space_administrators. You stay a
      space administrator, but only the new owner can transfer the ownership again.
    </p>
    <Field name="password" label="Your password, to confirm" type="password" error={p.error ?? undefined} autocomplete="current-password" required autofocus />
    <FormActions submit="Transfer Space Ownership" back={p.back} danger />
  </form>
);

/**
 * Copy invite link. With JavaScript the link is copied as the dialog opens (one click: app.js, on
 * [data-copy-now]) and the status line says so, the link staying visible. Without JavaScript this is a page
 * with the link in a focused field (autofocus), so Ctrl+A selects just the link and Ctrl+C copies it: a page
 * cannot select text on its own without a script.
 */
export const InviteLinkView: FC<{ email: string; link: string; expired: boolean; back: string }> = (p) => (
  <div class="stack">
    <p>
      Send this link to <strong>{p.email}</strong> yourself. It is the same link as in the invitation email, and it works once.
    </p>
    {p.expired ? <div class="alert alert-error">This invitation has expired: resend it to make the link work again.</div> : null}
    <div class="copy-row">
      <label class="sr-only" for="invite-link">
        Invitation link
      </label>
      <input id="invite-link" type="text" value={p.link} readonly autofocus data-copy-now="#invite-link-status" aria-describedby="invite-link-status" />
      <button class="btn btn-primary" type="button" data-copy="#invite-link">
        Copy
      </button>
    </div>
    <p id="invite-link-status" class="copy-status" role="status">
      <span class="no-js-only">The link's field has the focus: select it with Ctrl+A and copy it with Ctrl+C (⌘A, ⌘C on a Mac).</span>
    </p>
    <div class="form-actions">
      <a class="btn btn-ghost" href={p.back} data-close-dialog>
        Done
      </a>
    </div>
  </div>
);
