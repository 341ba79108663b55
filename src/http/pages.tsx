// Rendering whole pages and the generic error pages. Error pages never show a stack trace.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Bare, Shell } from '../../views/layout.js';
import { StatusPanel } from '../../views/pages/status.js';
import type { AppEnv } from './env.js';

export async function renderShell(
  c: Context<AppEnv>,
  page: { title: string; active: string; body: Child },
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const user = c.get('user');
  if (!user) throw new Error('renderShell needs a signed-in user');
  return c.html(
    <Shell title={page.title} spaceName={user.spaceName} user={user} active={page.active}>
      {page.body}
    </Shell>,
    status,
  );
}

export function renderBare(c: Context, title: string, body: Child, status: ContentfulStatusCode = 200) {
  return c.html(<Bare title={title}>{body}</Bare>, status);
}

function statusPage(c: Context<AppEnv>, code: 403 | 404 | 500 | 503, title: string, message: string) {
  const panel = <StatusPanel code={code} title={title} message={message} />;
  const user = c.get('user') ?? null;
  if (c.req.header('hx-request') === 'true') return c.html(panel, code);
  if (user && code < 500) return renderShell(c, { title, active: '', body: panel }, code);
  return renderBare(c, title, panel, code);
}

export function renderForbidden(c: Context<AppEnv>) {
  return statusPage(c, 403, 'You do not have access to this page', 'Ask a space administrator if you need it.');
}

export function renderNotFound(c: Context<AppEnv>) {
  return statusPage(c, 404, 'Page not found', 'The page you asked for does not exist, or it was removed.');
}

export function renderServerError(c: Context<AppEnv>) {
  return statusPage(c, 500, 'Something went wrong', 'The error has been logged. Try again in a moment.');
}
