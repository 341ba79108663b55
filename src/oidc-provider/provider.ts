// The Launchpad as the OpenID Provider of its space's instances, built on oidc-provider (the certified
// package): authorization code with PKCE required, refresh tokens, userinfo, JWKS, end-session, revocation.
// No state lives in memory beyond caches: artifacts and keys are in the database, clients are the registered
// instances, so several processes on one database answer alike.
import { createHmac } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { equalHashes, sha256 } from '../auth/tokens.js';
import { ID_TOKEN_TTL_SECONDS, addSigningKey, loadSigningKeys, type PrivateJwk } from '../auth/op-keys.js';
import type { Db } from '../db/connect.js';
import { deleteExpiredArtifacts } from '../db/queries/oidc-artifacts.js';
import { instanceAccess } from '../services/instance-sign-in.js';
import { adapterFactory } from './adapter.js';
import { renderProviderError, renderSignedOut } from './error-page.js';

/** Where the provider's endpoints live; discovery is at the origin's /.well-known/openid-configuration. */
export const OP_PREFIX = '/oidc';
export const DISCOVERY_PATH = '/.well-known/openid-configuration';
/** The Launchpad page that signs the person in (with the Launchpad's own session) for an authorization. */
export const INTERACTION_PREFIX = '/instance-sign-in';

export const ACCESS_TOKEN_TTL_SECONDS = 300; // at most 5 minutes: a change shows at the next refresh
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
export const LAUNCHPAD_CLAIMS = ['email', 'name', 'profile', 'groups', 'space_admin', 'instance_permissions', 'launchpad_permissions'] as const;

/** How often a process compares its signing keys with the database's (a rotation reaches it this fast). */
const KEY_CHECK_MS = 5_000;
/** A new key signs only this long after it is added: by then every process publishes it. */
export const PUBLISH_BEFORE_SIGNING_MS = 2 * KEY_CHECK_MS;
/** How often a process deletes the expired codes, tokens, sessions and interactions (any process may). */
const PURGE_EVERY_MS = 3_600_000;

export interface ProviderDeps {
  db: Db;
  now: () => number;
  issuer: string;
  serverSecret: string;
  trustProxy: boolean;
}

type OidcProviderModule = typeof import('oidc-provider');

/**
 * oidc-provider is loaded on first use, not at start: it warns on import that Node 20 is not a runtime it
 * supports (it runs on it; see README), and commands that never touch the provider need not say so.
 */
const loadModule = (): Promise<OidcProviderModule> => import('oidc-provider');

/** Every authorization goes through the Launchpad's sign-in page, which reads the Launchpad's own session. */
function policy({ interactionPolicy }: OidcProviderModule) {
  const { Check, base } = interactionPolicy;
  const p = base();
  p.get('login')!.checks.add(
    new Check('launchpad_session', 'the Launchpad checks who is signed in', (ctx) =>
      ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
    ),
  );
  return p;
}

function configuration(mod: OidcProviderModule, deps: ProviderDeps, keys: PrivateJwk[]): Configuration {
  const cookieKey = createHmac('sha256', deps.serverSecret).update('launchpad:oidc-cookies:v1').digest('base64url');
  return {
    adapter: adapterFactory(deps),
    jwks: { keys },
    cookies: { keys: [cookieKey] },
    routes: {
      authorization: `${OP_PREFIX}/auth`,
      token: `${OP_PREFIX}/token`,
      userinfo: `${OP_PREFIX}/userinfo`,
      jwks: `${OP_PREFIX}/jwks`,
      end_session: `${OP_PREFIX}/session/end`,
      revocation: `${OP_PREFIX}/token/revocation`,
      introspection: `${OP_PREFIX}/token/introspection`,
      pushed_authorization_request: `${OP_PREFIX}/request`,
      code_verification: `${OP_PREFIX}/device`,
      device_authorization: `${OP_PREFIX}/device/auth`,
      backchannel_authentication: `${OP_PREFIX}/backchannel`,
      challenge: `${OP_PREFIX}/challenge`,
      registration: `${OP_PREFIX}/reg`,
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    scopes: ['openid', 'offline_access', 'launchpad'],
    claims: { openid: ['sub'], launchpad: [...LAUNCHPAD_CLAIMS] },
    conformIdTokenClaims: false, // the launchpad claims are in the ID token as well as at userinfo
    extraClientMetadata: { properties: ['launchpad_designers_only'] },
    features: {
      devInteractions: { enabled: false },
      // An instance revokes its own tokens only.
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderProviderError(null, form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = renderSignedOut();
        },
      },
      introspection: { enabled: false },
      registration: { enabled: false },
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: ID_TOKEN_TTL_SECONDS,
      Interaction: 600,
      Session: 14 * 24 * 3600,
      Grant: REFRESH_TOKEN_TTL_SECONDS,
      RefreshToken: REFRESH_TOKEN_TTL_SECONDS,
    },
    // Registered instances belong to the space: refresh tokens without asking for offline_access.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    interactions: {
      policy: policy(mod),
      url: (_ctx, interaction) => `${INTERACTION_PREFIX}/${interaction.uid}`,
    },
    // No consent screen for registered instances: a grant of what was asked, made on the spot.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      if (!oidc.session?.accountId || !oidc.client) return undefined;
      const grant = new oidc.provider.Grant({ accountId: oidc.session.accountId, clientId: oidc.client.clientId });
      grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
    // Read on every sign-in, refresh and userinfo call: a deactivated or deleted member, a disabled instance or
    // a profile the instance no longer admits makes it fail there; groups and profile are read afresh.
    findAccount: async (ctx, sub) => {
      const clientId = ctx.oidc.client?.clientId;
      if (!clientId) return undefined;
      const access = await instanceAccess(deps, Number(sub), clientId);
      if (!access.ok) return undefined;
      return { accountId: sub, claims: () => ({ ...access.claims }) };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderProviderError(out);
    },
  };
}

/** Client secrets are stored as SHA-256 (`client_secret` holds the hex hash): compare the hash of what was sent. */
function compareHashedSecret(this: { clientSecret?: string }, actual: string): boolean {
  const stored = this.clientSecret;
  if (typeof stored !== 'string' || typeof actual !== 'string') return false;
  return equalHashes(sha256(actual), new Uint8Array(Buffer.from(stored, 'hex')));
}

export async function buildProvider(deps: ProviderDeps, keys: PrivateJwk[]): Promise<Provider> {
  const mod = await loadModule();
  const provider = new mod.default(deps.issuer, configuration(mod, deps, keys));
  provider.proxy = deps.trustProxy;
  // The supported hook for hashed secrets (oidc-provider issue #631): Client#compareClientSecret. HS*
  // algorithms, which need the plain secret, are not enabled.
  provider.Client.prototype.compareClientSecret = compareHashedSecret;
  // Its pages (errors, the sign-out confirmation) are never framed; no script policy, as form_post needs its own.
  provider.use(async (ctx, next) => {
    await next();
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Content-Security-Policy', "frame-ancestors 'none'");
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
  });
  return provider;
}

/** The provider with the database's current keys; rebuilt when another process rotates them. */
export interface ProviderHandle {
  current(): Promise<Provider>;
}

export function providerHandle(deps: ProviderDeps): ProviderHandle {
  let built: { provider: Provider; ids: string } | null = null;
  let checkedAt = -Infinity;
  let pending: Promise<Provider> | null = null;
  let purgedAt = -Infinity;

  async function refresh(): Promise<Provider> {
    const load = () => loadSigningKeys(deps.db, deps.serverSecret, deps.now(), PUBLISH_BEFORE_SIGNING_MS);
    let keys = await load();
    if (keys.length === 0) {
      await addSigningKey(deps.db, deps.serverSecret, deps.now()); // the first start: one key to sign with
      keys = await load();
    }
    const ids = keys.map((k) => k.kid).join(' '); // the signer first: a change of signer rebuilds too
    if (!built || built.ids !== ids) built = { provider: await buildProvider(deps, keys), ids };
    checkedAt = Date.now();
    if (checkedAt - purgedAt > PURGE_EVERY_MS) {
      purgedAt = checkedAt;
      await deleteExpiredArtifacts(deps.db, deps.now());
    }
    return built.provider;
  }

  return {
    current() {
      if (built && Date.now() - checkedAt < KEY_CHECK_MS) return Promise.resolve(built.provider);
      pending ??= refresh().finally(() => (pending = null));
      return pending;
    },
  };
}
