// When a response starts a session (it sets the session cookie), the browser's User-Agent and address are
// stored with it, for My account's list of sessions. One place for every way in: password, invitation,
// single sign-on, setup.
import type { MiddlewareHandler } from 'hono';
import { recordSessionClient } from '../services/sessions.js';
import { clientAddress } from './client-address.js';
import type { AppEnv } from './env.js';

const SESSION_COOKIE = /^(?:__Host-)?launchpad_session=([A-Za-z0-9]+)\.[^;]+/;

export const sessionClient: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.req.method !== 'POST' && c.req.method !== 'GET') return;
  for (const cookie of c.res.headers.getSetCookie()) {
    const id = SESSION_COOKIE.exec(cookie)?.[1];
    if (!id) continue;
    const deps = c.get('deps');
    await recordSessionClient(deps, id, c.req.header('user-agent') ?? '', clientAddress(c, deps.config.trustProxy));
  }
};
