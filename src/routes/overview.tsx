import type { Context } from 'hono';
import { findSpace } from '../db/queries/space.js';
import { can } from '../domain/permissions.js';
import { PUBLIC, SIGNED_IN, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { renderShell } from '../http/pages.js';
import { seatUsage } from '../services/seats.js';
import { OverviewPage } from '../../views/pages/overview.js';

const showOverview = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const user = c.get('user')!;
  const space = await findSpace(deps.db);
  const usage = can(user, 'space_admin') ? await seatUsage(deps.db, deps.config.seats, deps.now()) : null;
  const { oidc, oidcOnly } = deps.config;
  const sso =
    oidc && can(user, 'space_admin')
      ? { name: oidc.name, issuer: oidc.issuer.href, redirectUri: oidc.redirectUri.href, oidcOnly }
      : null;
  return renderShell(c, {
    title: 'Overview',
    active: 'overview',
    body: <OverviewPage spaceName={space?.name ?? 'Launchpad'} user={user} usage={usage} sso={sso} />,
  });
};

const health = async (c: Context<AppEnv>) => {
  try {
    await findSpace(c.get('deps').db);
    return c.json({ status: 'ok' });
  } catch {
    return c.json({ status: 'database unavailable' }, 503);
  }
};

export const overviewRoutes: RouteDef[] = [
  { method: 'GET', path: '/', access: SIGNED_IN, handler: showOverview },
  { method: 'GET', path: '/healthz', access: PUBLIC, handler: health },
];
