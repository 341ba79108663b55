import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw new Error(`expected a ConfigError, got ${String(err)}`);
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}, but the config loaded`);
}

describe('loadConfig: defaults', () => {
  it('fills in every variable from an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'file:./data/launchpad.db',
      secure: false,
      resendApiKey: null,
      mailFrom: 'Launchpad <launchpad@localhost>',
      seats: { designer: 5, explorer: 10, reader: 50 },
      inviteTtlMs: 7 * 24 * 3_600_000,
      trustProxy: false,
      secretKey: null,
    });
    expect(c.publicUrl.href).toBe('http://localhost:3000/');
  });

  it('treats empty values as unset', () => {
    const c = loadConfig({ PORT: '', SEATS: '', PUBLIC_URL: '', INVITE_TTL: '' });
    expect(c.port).toBe(3000);
    expect(c.publicUrl.href).toBe('http://localhost:3000/');
  });

  it('builds the default PUBLIC_URL from PORT', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl.href).toBe('http://localhost:8080/');
  });
});

describe('loadConfig: valid values', () => {
  it.each([
    { env: { PORT: '0' }, expect: { port: 0 } },
    { env: { PORT: '65535' }, expect: { port: 65535 } },
    { env: { DATABASE_URL: ':memory:' }, expect: { databaseUrl: ':memory:' } },
    { env: { DATABASE_URL: 'file:/var/lib/launchpad/db.sqlite' }, expect: { databaseUrl: 'file:/var/lib/launchpad/db.sqlite' } },
    { env: { SEATS: 'designer:1,explorer:unlimited,reader:0' }, expect: { seats: { designer: 1, explorer: null, reader: 0 } } },
    { env: { INVITE_TTL: '12h' }, expect: { inviteTtlMs: 12 * 3_600_000 } },
    { env: { INVITE_TTL: '1d12h' }, expect: { inviteTtlMs: 36 * 3_600_000 } },
    { env: { TRUST_PROXY: 'true' }, expect: { trustProxy: true } },
    { env: { TRUST_PROXY: '1' }, expect: { trustProxy: true } },
    { env: { TRUST_PROXY: '0' }, expect: { trustProxy: false } },
    { env: { MAIL_FROM: 'ops@example.com' }, expect: { mailFrom: 'ops@example.com' } },
    { env: { MAIL_FROM: 'Acme Ops <ops@example.com>' }, expect: { mailFrom: 'Acme Ops <ops@example.com>' } },
    { env: { RESEND_API_KEY: 're_123' }, expect: { resendApiKey: 're_123' } },
  ])('accepts $env', ({ env, expect: want }) => {
    expect(loadConfig(env)).toMatchObject(want);
  });

  it.each([
    { url: 'https://launchpad.example.com', secure: true },
    { url: 'https://launchpad.example.com:8443/', secure: true },
    { url: 'http://launchpad.example.com', secure: false },
    { url: 'http://localhost:3000', secure: false },
  ])('PUBLIC_URL $url gives secure=$secure', ({ url, secure }) => {
    const c = loadConfig({ PUBLIC_URL: url });
    expect(c.secure).toBe(secure);
    expect(c.publicUrl.href).toBe(new URL(url).href);
  });
});

describe('loadConfig: invalid values stop the start with a message naming the variable', () => {
  it.each([
    { name: 'PORT', value: 'abc' },
    { name: 'PORT', value: '-1' },
    { name: 'PORT', value: '65536' },
    { name: 'PORT', value: '3000.5' },
    { name: 'PORT', value: '80 81' },
    { name: 'SEATS', value: 'designer:5' },
    { name: 'SEATS', value: 'designer:five,explorer:10,reader:50' },
    { name: 'SEATS', value: 'designer:5,explorer:10,reader:50,admin:1' },
    { name: 'SEATS', value: 'designer:5,designer:6,explorer:10,reader:50' },
    { name: 'SEATS', value: 'designer:-1,explorer:10,reader:50' },
    { name: 'INVITE_TTL', value: '7' },
    { name: 'INVITE_TTL', value: '7 days' },
    { name: 'INVITE_TTL', value: '0d' },
    { name: 'INVITE_TTL', value: '-1d' },
    { name: 'INVITE_TTL', value: 'forever' },
    { name: 'PUBLIC_URL', value: 'launchpad.example.com' },
    { name: 'PUBLIC_URL', value: 'localhost:3000' },
    { name: 'PUBLIC_URL', value: 'ftp://launchpad.example.com' },
    { name: 'PUBLIC_URL', value: 'javascript:alert(1)' },
    { name: 'DATABASE_URL', value: 'mysql://localhost/launchpad' },
    { name: 'DATABASE_URL', value: 'postgres://' },
    { name: 'DATABASE_POOL_MAX', value: '0' },
    { name: 'DATABASE_POOL_MAX', value: 'many' },
    { name: 'DATABASE_URL', value: './data/launchpad.db' },
    { name: 'DATABASE_URL', value: 'file:' },
    { name: 'TRUST_PROXY', value: 'yes' },
    { name: 'MAIL_FROM', value: 'not an address' },
    { name: 'SECRET_KEY', value: 'short' },
  ])('$name=$value', ({ name, value }) => {
    const err = configError({ [name]: value });
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(new RegExp(`\\b${name}\\b`));
  });

  // Regression test: a blank PORT once became port 0.
  it.each([' ', '\t'])('PORT=%j is refused or treated as unset, never port 0', (value) => {
    let port: number | null = null;
    try {
      port = loadConfig({ PORT: value }).port;
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain('PORT');
      return;
    }
    expect(port).toBe(3000);
  });

  it.each(['postgres://launchpad:pw@db.example.com/launchpad', 'postgresql://localhost/launchpad?sslmode=verify-full'])(
    'takes the PostgreSQL URL %s, with a pool of 10 unless DATABASE_POOL_MAX says otherwise',
    (url) => {
      const key = 'a-secret-key-of-at-least-thirty-two-characters';
      expect(loadConfig({ DATABASE_URL: url, SECRET_KEY: key })).toMatchObject({ databaseUrl: url, databasePoolMax: 10 });
      expect(loadConfig({ DATABASE_URL: url, SECRET_KEY: key, DATABASE_POOL_MAX: '25' }).databasePoolMax).toBe(25);
    },
  );

  it('wants SECRET_KEY with PostgreSQL: the processes sharing the database must derive the same links', () => {
    expect(configError({ DATABASE_URL: 'postgres://localhost/launchpad' }).message).toMatch(/SECRET_KEY.*PostgreSQL/);
  });

  it('names every invalid variable at once', () => {
    const msg = configError({ PORT: 'abc', SEATS: 'x', INVITE_TTL: 'soon' }).message;
    for (const name of ['PORT', 'SEATS', 'INVITE_TTL']) expect(msg).toContain(name);
  });

  it('does not echo a rejected secret', () => {
    const msg = configError({ SECRET_KEY: 'hunter2-is-my-secret' }).message;
    expect(msg).toContain('SECRET_KEY');
    expect(msg).not.toContain('hunter2');
  });
});
