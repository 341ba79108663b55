// A real OpenID Provider on loopback (oidc-provider, the certified package), with the Launchpad as its
// one client. Its login interaction signs in whichever test account the test chose, and consent is implied
// (a first-party client), so a test drives the whole flow with fetch alone.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  sub: string;
  email: string;
  emailVerified: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next login interaction signs in. */
  signInAs(account: TestAccount): void;
  /** Seconds an ID token lives; negative issues tokens that expired already. */
  setIdTokenTtl(seconds: number): void;
  close(): Promise<void>;
}

export async function startProvider(redirectUri: string): Promise<TestProvider> {
  const clientId = 'launchpad';
  const clientSecret = 'launchpad-test-client-secret-0123456789';
  let account: TestAccount | null = null;
  let idTokenTtl = 300;
  let provider!: Provider;

  const server: Server = createServer((req, res) => {
    const interaction = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (!interaction) return void provider.callback()(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name !== 'login' || !account) throw new Error(`unexpected prompt ${details.prompt.name}`);
      await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { IdToken: () => idTokenTtl },
    async findAccount(_ctx, sub) {
      if (!account || account.sub !== sub) return undefined;
      const a = account;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: a.email, email_verified: a.emailVerified, ...(a.name ? { name: a.name } : {}) }),
      };
    },
    // The Launchpad is a first-party client: consent is implied.
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session!;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: session.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (a) => void (account = a),
    setIdTokenTtl: (s) => void (idTokenTtl = s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
