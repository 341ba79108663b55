// The OpenID Connect relying party: openid-client (certified) does discovery, PKCE, the code exchange
// and every ID token check (signature from the provider's JWKS, iss, aud, exp, nonce, state). Nothing
// of the protocol is written by hand here; this file only adapts it to the Launchpad's result types.
import * as client from 'openid-client';
import type { Config, OidcSettings } from '../config.js';
import { hmacSha256 } from './tokens.js';

/** The per-sign-in values, derived from the secret in the browser's cookie so none is ever stored. */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export function deriveOidcChecks(secret: string): OidcChecks {
  // HMAC-SHA256 gives 256 bits each, base64url: 43 characters, a valid PKCE verifier (RFC 7636 §4.1).
  return {
    state: hmacSha256(secret, 'oidc-state'),
    nonce: hmacSha256(secret, 'oidc-nonce'),
    codeVerifier: hmacSha256(secret, 'oidc-code-verifier'),
  };
}

export interface IdentityClaims {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export type OidcFailure = 'provider_unreachable' | 'provider_refused' | 'token_invalid';

export type AuthorizationUrlResult = { ok: true; url: URL } | { ok: false; code: 'provider_unreachable'; detail: string };
export type ExchangeResult = { ok: true; claims: IdentityClaims } | { ok: false; code: OidcFailure; detail: string };

export interface OidcClient {
  settings: OidcSettings;
  authorizationUrl(checks: OidcChecks): Promise<AuthorizationUrlResult>;
  /** `callbackUrl` is the redirect URI with the query the provider sent back. */
  exchange(callbackUrl: URL, checks: OidcChecks): Promise<ExchangeResult>;
}

const DISCOVERY_TIMEOUT_S = 10;

/** The checks that bind what the provider sent to this sign-in; the ID token's times are read on `now`. */
export function createOidcClient(settings: OidcSettings, now: () => number): OidcClient {
  let discovered: Promise<client.Configuration> | null = null;
  const protections = [
    client.enableNonRepudiationChecks, // verify the ID token's signature with the provider's JWKS, not only TLS
    ...(settings.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : []), // config allows http only on loopback
  ];

  /** Discovery once, on first need; a failure is not remembered, so the next sign-in tries again. */
  async function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(settings.issuer, settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), {
        timeout: DISCOVERY_TIMEOUT_S,
        execute: protections,
      })
      .catch((err: unknown) => {
        discovered = null;
        throw err;
      });
    return discovered;
  }

  /**
   * The discovered configuration, with openid-client's clock set to ours (exp, iat and nbf are judged on
   * `now`, which is the system clock in production) and the JWKS it has fetched shared with the original.
   */
  function onClock(discoveredConfig: client.Configuration): client.Configuration {
    const skewSeconds = Math.round((now() - Date.now()) / 1000);
    if (skewSeconds === 0) return discoveredConfig;
    const config = new client.Configuration(
      discoveredConfig.serverMetadata(),
      settings.clientId,
      { [client.clockSkew]: skewSeconds },
      client.ClientSecretBasic(settings.clientSecret),
    );
    for (const protect of protections) protect(config);
    const jwks = client.getJwksCache(discoveredConfig);
    if (jwks) client.setJwksCache(config, jwks);
    return config;
  }

  return {
    settings,
    async authorizationUrl(checks) {
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch (err) {
        return { ok: false, code: 'provider_unreachable', detail: describe(err) };
      }
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri.href,
        scope: 'openid email profile',
        response_type: 'code',
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { ok: true, url };
    },

    async exchange(callbackUrl, checks) {
      let discoveredConfig: client.Configuration;
      try {
        discoveredConfig = await configuration();
      } catch (err) {
        return { ok: false, code: 'provider_unreachable', detail: describe(err) };
      }
      const config = onClock(discoveredConfig);
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        const id = tokens.claims()!;
        // Providers that keep profile claims out of the ID token give them at the userinfo endpoint,
        // which openid-client binds to the ID token's subject.
        const info = id.email === undefined ? await client.fetchUserInfo(config, tokens.access_token, id.sub) : id;
        return {
          ok: true,
          claims: {
            subject: id.sub,
            email: typeof info.email === 'string' ? info.email : null,
            // Some providers send the JSON string "true"; anything else is unverified.
            emailVerified: info.email_verified === true || info.email_verified === 'true',
            name: typeof info.name === 'string' && info.name.trim() ? info.name.trim() : null,
          },
        };
      } catch (err) {
        if (err instanceof client.AuthorizationResponseError) return { ok: false, code: 'provider_refused', detail: describe(err) };
        return { ok: false, code: 'token_invalid', detail: describe(err) };
      }
    },
  };
}

function describe(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; cause?: { message?: unknown } } | null;
  const parts = [e?.code, e?.message, e?.cause?.message].filter((p) => typeof p === 'string');
  return parts.join(': ').slice(0, 300) || 'unknown error';
}

/** One client per configuration, so discovery happens once for the life of the server. */
const clients = new WeakMap<Config, OidcClient>();

export function oidcClientFor(deps: { config: Config; now: () => number }): OidcClient | null {
  const { config } = deps;
  if (!config.oidc) return null;
  let c = clients.get(config);
  if (!c) clients.set(config, (c = createOidcClient(config.oidc, deps.now)));
  return c;
}
