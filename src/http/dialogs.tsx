// One URL serves a dialog to htmx and a full page to a plain browser.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Dialog, Sheet } from '../../views/components/dialog.js';
import type { AppEnv } from './env.js';
import { isHtmx } from './htmx.js';
import { renderShell } from './pages.js';

export interface DialogPage {
  title: string;
  active: string;
  back: string;
  backLabel: string;
  body: Child;
  wide?: boolean;
}

/** GET: a <dialog> for htmx, a page for everyone else. */
export function renderDialog(c: Context<AppEnv>, d: DialogPage, status: ContentfulStatusCode = 200) {
  if (isHtmx(c)) {
    return c.html(
      <Dialog title={d.title} wide={d.wide}>
        {d.body}
      </Dialog>,
      status,
    );
  }
  return renderShell(c, { title: d.title, active: d.active, body: <Sheet title={d.title} back={d.back} backLabel={d.backLabel}>{d.body}</Sheet> }, status);
}

/** A re-rendered form inside an open dialog: just the form for htmx (it swaps itself), the page otherwise. */
export function renderDialogForm(c: Context<AppEnv>, d: DialogPage, status: ContentfulStatusCode) {
  if (isHtmx(c)) return c.html(<>{d.body}</>, status);
  return renderDialog(c, d, status);
}
