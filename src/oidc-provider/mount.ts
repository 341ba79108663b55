// The provider inside the Launchpad's Hono app. Its endpoints are handed the Node request and response as
// they are (oidc-provider is a Koa app); they run before the page middleware (origin check, body limit,
// sessions, compression, no-store), which are for the Launchpad's pages: the token endpoint is a
// cross-origin server-to-server POST with client authentication, and the provider sets its own headers.
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/env.js';
import { loadSecretKey } from '../secret-key.js';
import { DISCOVERY_PATH, OP_PREFIX, providerHandle, type ProviderHandle } from './provider.js';

const handles = new WeakMap<AppDeps, ProviderHandle>();

/** The provider of this app's database (one per app: tests build many). */
export function providerOf(deps: AppDeps): ProviderHandle {
  let handle = handles.get(deps);
  if (!handle) {
    handle = providerHandle({
      db: deps.db,
      now: deps.now,
      issuer: deps.config.publicUrl.origin,
      serverSecret: loadSecretKey(deps.config),
      trustProxy: deps.config.trustProxy,
    });
    handles.set(deps, handle);
  }
  return handle;
}

/** The Node request and response under this request, when it came through the Node server. */
export function nodeBindings(c: Context<AppEnv>): HttpBindings | null {
  const env = c.env as Partial<HttpBindings> | undefined;
  return env?.incoming && env.outgoing ? { incoming: env.incoming, outgoing: env.outgoing } : null;
}

export function mountProvider(app: Hono<AppEnv>, deps: AppDeps): void {
  const serve = async (c: Context<AppEnv>) => {
    const node = nodeBindings(c);
    if (!node) return c.text('The OpenID Provider answers through the Node server only.', 501);
    const provider = await providerOf(deps).current();
    await new Promise<void>((resolve) => {
      node.outgoing.once('close', resolve);
      void provider.callback()(node.incoming, node.outgoing);
    });
    return RESPONSE_ALREADY_SENT;
  };
  app.all(`${OP_PREFIX}/*`, serve);
  app.all(DISCOVERY_PATH, serve);
}
