// The Extensions panel: Code Studios, API Deployer, Automation node.
import type { Context } from 'hono';
import { listExtensionStates } from '../db/queries/extensions.js';
import { EXTENSION_KEYS, EXTENSIONS, isExtensionKey, type ExtensionKey } from '../domain/extensions.js';
import { needs, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { redirectAfterPost } from '../http/htmx.js';
import { renderNotFound, renderShell } from '../http/pages.js';
import { activateExtension, deactivateExtension } from '../services/extensions.js';
import { ExtensionsPage } from '../../views/pages/extensions.js';

async function page(c: Context<AppEnv>, notice: string | null, status: 200 | 409 = 200) {
  const states = await listExtensionStates(c.get('deps').db);
  const active = Object.fromEntries(EXTENSION_KEYS.map((k) => [k, states.some((s) => s.key === k && s.active)])) as Record<ExtensionKey, boolean>;
  return renderShell(c, { title: 'Extensions', active: 'extensions', body: <ExtensionsPage active={active} notice={notice} /> }, status);
}

const show = (c: Context<AppEnv>) => {
  const key = c.req.query('activated') ?? c.req.query('deactivated');
  if (!key || !isExtensionKey(key)) return page(c, null);
  const def = EXTENSIONS[key];
  const notice = c.req.query('activated')
    ? `${def.name} is active. Every designer is now a member of ${def.group}.`
    : `${def.name} is deactivated. The group ${def.group} is kept with its members; delete it from the Groups tab if you no longer need it.`;
  return page(c, notice);
};

const toggle = (on: boolean) => async (c: Context<AppEnv>) => {
  const key = c.req.param('key');
  if (!isExtensionKey(key)) return renderNotFound(c);
  const result = await (on ? activateExtension : deactivateExtension)(c.get('deps'), c.get('user')!, key);
  if (!result.ok && result.code === 'forbidden') return renderNotFound(c);
  return redirectAfterPost(c, `/extensions?${on ? 'activated' : 'deactivated'}=${key}`);
};

export const extensionRoutes: RouteDef[] = [
  { method: 'GET', path: '/extensions', access: needs('space_admin'), handler: show },
  { method: 'POST', path: '/extensions/:key/activate', access: needs('space_admin'), handler: toggle(true) },
  { method: 'POST', path: '/extensions/:key/deactivate', access: needs('space_admin'), handler: toggle(false) },
];
