// Single sign-on's configuration: one provider, all three values or none, a redirect URI that always
// comes from PUBLIC_URL, and OIDC_ONLY only with a provider to fall back on.
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config.js';

const PROVIDER = { OIDC_ISSUER: 'https://login.example.com/realms/acme', OIDC_CLIENT_ID: 'launchpad', OIDC_CLIENT_SECRET: 's3cret' };

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig: single sign-on', () => {
  it('is off without a provider', () => {
    expect(loadConfig({})).toMatchObject({ oidc: null, oidcOnly: false });
  });

  it('takes the provider, with the redirect URI built from PUBLIC_URL', () => {
    const c = loadConfig({ ...PROVIDER, PUBLIC_URL: 'https://launchpad.example.com', OIDC_NAME: 'Okta' });
    expect(c.oidc).toMatchObject({ clientId: 'launchpad', clientSecret: 's3cret', name: 'Okta' });
    expect(c.oidc!.issuer.href).toBe('https://login.example.com/realms/acme');
    expect(c.oidc!.redirectUri.href).toBe('https://launchpad.example.com/login/oidc/callback');
  });

  it('names the button "single sign-on" unless OIDC_NAME says otherwise', () => {
    expect(loadConfig(PROVIDER).oidc!.name).toBe('single sign-on');
  });

  it.each([
    [{ OIDC_ISSUER: PROVIDER.OIDC_ISSUER }, 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together'],
    [{ OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' }, 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together'],
    [{ ...PROVIDER, OIDC_ISSUER: 'http://login.example.com' }, 'OIDC_ISSUER must be an https:// URL'],
    [{ ...PROVIDER, OIDC_ISSUER: 'not a url' }, 'OIDC_ISSUER must be an https:// URL'],
    [{ OIDC_ONLY: 'true' }, 'OIDC_ONLY: needs a provider'],
    [{ ...PROVIDER, OIDC_ONLY: 'sometimes' }, 'OIDC_ONLY must be true or false'],
  ])('refuses %j', (env, message) => {
    expect(refusal(env)).toContain(message);
  });

  it('accepts plain http only for a provider on this machine', () => {
    expect(loadConfig({ ...PROVIDER, OIDC_ISSUER: 'http://127.0.0.1:8080' }).oidc!.issuer.protocol).toBe('http:');
    expect(loadConfig({ ...PROVIDER, OIDC_ISSUER: 'http://localhost:8080/realms/x' }).oidc).not.toBeNull();
  });

  it('turns OIDC_ONLY on with a provider', () => {
    expect(loadConfig({ ...PROVIDER, OIDC_ONLY: 'true' }).oidcOnly).toBe(true);
  });

  it('lists every variable for --help', () => {
    const names = CONFIG_VARIABLES.map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_NAME', 'OIDC_ONLY']));
  });
});
