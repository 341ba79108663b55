// The Overview panel, and the health check.
import type { Context } from 'hono';
import { PUBLIC, SIGNED_IN, signedIn, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { renderShell } from '../http/pages.js';
import { databaseAnswers, overview } from '../services/overview.js';
import { OverviewPage } from '../../views/pages/overview.js';

const showOverview = signedIn(async (c, { user }) => {
  const { spaceName, usage, sso } = await overview(c.get('deps'), user);
  return renderShell(c, { title: 'Overview', active: 'overview', body: <OverviewPage spaceName={spaceName} user={user} usage={usage} sso={sso} /> });
});

const health = async (c: Context<AppEnv>) =>
  (await databaseAnswers(c.get('deps'))) ? c.json({ status: 'ok' }) : c.json({ status: 'database unavailable' }, 503);

export const overviewRoutes: RouteDef[] = [
  { method: 'GET', path: '/', access: SIGNED_IN, handler: showOverview },
  { method: 'GET', path: '/healthz', access: PUBLIC, handler: health },
];
