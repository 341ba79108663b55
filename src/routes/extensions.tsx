// The Extensions panel: Code Studios, API Deployer, Automation node.
import type { Context } from 'hono';
import { EXTENSIONS, isExtensionKey } from '../domain/extensions.js';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { redirectAfterPost } from '../http/htmx.js';
import { renderRefused } from '../http/messages.js';
import { renderNotFound, renderShell } from '../http/pages.js';
import { activateExtension, deactivateExtension, extensionsPage } from '../services/extensions.js';
import { ExtensionsPage } from '../../views/pages/extensions.js';

function noticeOf(c: Context<AppEnv>): string | null {
  const key = c.req.query('activated') ?? c.req.query('deactivated');
  if (!key || !isExtensionKey(key)) return null;
  const def = EXTENSIONS[key];
  return c.req.query('activated')
    ? `${def.name} is active. Every designer is now a member of ${def.group}.`
    : `${def.name} is deactivated. The group ${def.group} is kept with its members; delete it from the Groups tab if you no longer need it.`;
}

const show = signedIn(async (c, { user }) => {
  const page = await extensionsPage(c.get('deps'), user);
  if (!page.ok) return renderRefused(c, page);
  return renderShell(c, { title: 'Extensions', active: 'extensions', body: <ExtensionsPage active={page.active} notice={noticeOf(c)} /> });
});

const toggle = (on: boolean) =>
  signedIn(async (c, { user }) => {
    const key = c.req.param('key');
    if (!key || !isExtensionKey(key)) return renderNotFound(c);
    const result = await (on ? activateExtension : deactivateExtension)(c.get('deps'), user, key);
    // Already active (or inactive) is what was asked for: the page says the state either way.
    if (!result.ok && result.code === 'forbidden') return renderNotFound(c);
    return redirectAfterPost(c, `/extensions?${on ? 'activated' : 'deactivated'}=${key}`);
  });

export const extensionRoutes: RouteDef[] = [
  { method: 'GET', path: '/extensions', access: needs('space_admin'), handler: show },
  { method: 'POST', path: '/extensions/:key/activate', access: needs('space_admin'), handler: toggle(true) },
  { method: 'POST', path: '/extensions/:key/deactivate', access: needs('space_admin'), handler: toggle(false) },
];
