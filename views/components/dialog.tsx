import type { Child, FC } from 'hono/jsx';

/**
 * A modal dialog that htmx swaps into #modal-root (app.js opens it). The same content is shown as a page
 * card when JavaScript is off: see `Sheet`.
 */
export const Dialog: FC<{ title: string; children: Child; wide?: boolean }> = ({ title, children, wide }) => (
  <dialog data-modal class={wide ? 'modal wide' : 'modal'} aria-labelledby="dialog-title">
    <header class="modal-head">
      <h2 id="dialog-title">{title}</h2>
      <form method="dialog">
        <button class="btn btn-ghost btn-small" type="submit" aria-label="Close">
          ✕
        </button>
      </form>
    </header>
    <div class="modal-body">{children}</div>
  </dialog>
);

/** The page form of a dialog, for browsers without JavaScript. */
export const Sheet: FC<{ title: string; back: string; backLabel: string; children: Child }> = ({ title, back, backLabel, children }) => (
  <>
    <p class="crumbs">
      <a href={back}>← {backLabel}</a>
    </p>
    <section class="card sheet">
      <h1>{title}</h1>
      {children}
    </section>
  </>
);

/** A Cancel control: closes the dialog with JavaScript, goes back without it. */
export const CancelLink: FC<{ href: string }> = ({ href }) => (
  <a class="btn btn-ghost" href={href} data-close-dialog>
    Cancel
  </a>
);

/** A dialog form's buttons: the submit button, and Cancel back to where the form came from. */
export const FormActions: FC<{ submit: Child; back: string; danger?: boolean }> = (p) => (
  <div class="form-actions">
    <button class={p.danger ? 'btn btn-danger' : 'btn btn-primary'} type="submit">
      {p.submit}
    </button>
    <CancelLink href={p.back} />
  </div>
);
