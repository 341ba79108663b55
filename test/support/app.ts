// A fresh Launchpad per test: a fresh database on the test engine (in-memory SQLite, or a PostgreSQL
// schema of its own, see ./db.ts), a fast password hash, a clock the test moves,
// and a mailer that records what was sent. Nothing is shared between tests.
import { createApp } from '../../src/app.js';
import { createPasswordHasher } from '../../src/auth/password.js';
import { createSession } from '../../src/auth/session.js';
import { randomSecret, sha256 } from '../../src/auth/tokens.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Db } from '../../src/db/connect.js';
import { openTestDb } from './db.js';
import { addMember, findGroupByName, grantPermissions, insertGroup } from '../../src/db/queries/groups.js';
import { insertUser } from '../../src/db/queries/users.js';
import type { Profile } from '../../src/domain/profiles.js';
import type { AppDeps } from '../../src/http/env.js';
import { createRateLimiter } from '../../src/services/rate-limit.js';
import { createMemoryMailer, type MemoryMailer } from '../../src/mail/memory-mailer.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/mail/outbox-worker.js';
import { defaultPublicFiles } from '../../src/server.js';
import { createSpaceWithOwner } from '../../src/services/setup.js';
import { createLinkSecrets } from '../../src/auth/link-secrets.js';
import { resolveLinkRef } from '../../src/services/links.js';

/** Cheap scrypt parameters for tests; the real ones are tested on their own. */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery';
export const ORIGIN = 'http://localhost';

const publicFiles = defaultPublicFiles();

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  db: Db;
  config: Config;
  mailer: MemoryMailer;
  worker: OutboxWorker;
  clock: { now: number; advance(ms: number): void };
  setupToken: string;
}

/** `db`: a database of the test's own making (migrated) instead of a fresh one on the test engine. */
export async function makeApp(env: Record<string, string> = {}, opts: { db?: Db } = {}): Promise<TestApp> {
  const config = loadConfig({ DATABASE_URL: ':memory:', PUBLIC_URL: 'http://localhost:3000', ...env });
  const db = opts.db ?? (await openTestDb());
  const clock = {
    now: Date.UTC(2026, 10, 26, 12, 0, 0),
    advance(ms: number) {
      this.now += ms;
    },
  };
  const now = () => clock.now;
  const mailer = createMemoryMailer();
  const links = createLinkSecrets('test-server-secret-with-at-least-32-characters');
  const worker = createOutboxWorker({
    db,
    mailer,
    from: config.mailFrom,
    now,
    log: () => {},
    resolveLink: (ref) => resolveLinkRef(db, config.publicUrl, links, ref),
  });
  const setupToken = randomSecret();
  const deps: AppDeps = {
    db,
    config,
    hasher: createPasswordHasher(FAST_SCRYPT),
    links,
    now,
    notifyOutbox: () => {},
    limiter: createRateLimiter(now),
    setupTokenHash: sha256(setupToken),
  };
  return { app: createApp(deps, publicFiles), deps, db, config, mailer, worker, clock, setupToken };
}

export interface TestUser {
  id: number;
  email: string;
  cookie: string;
}

export async function sessionCookieFor(t: TestApp, userId: number): Promise<string> {
  const { token } = await createSession(t.db, userId, t.deps.now());
  return `launchpad_session=${token}`;
}

/** The space with its owner, signed in. */
export async function withSpace(t: TestApp, email = 'owner@example.com'): Promise<TestUser> {
  const r = await createSpaceWithOwner(
    t.deps,
    { spaceName: 'Acme Analytics', displayName: 'Olivia Owner', email, password: PASSWORD },
    { kind: 'operator', label: 'test' },
  );
  if (!r.ok) throw new Error('space already set up');
  t.deps.setupTokenHash = null;
  return { id: r.userId, email, cookie: await sessionCookieFor(t, r.userId) };
}

/** A member with a profile and, optionally, groups (created on the fly with the given permissions). */
export async function addUser(
  t: TestApp,
  opts: { email: string; name?: string; profile?: Profile; groups?: Array<{ name: string; permissions?: string[] }> },
): Promise<TestUser> {
  const id = await insertUser(t.db, {
    email: opts.email,
    displayName: opts.name ?? opts.email.split('@')[0]!,
    passwordHash: await t.deps.hasher.hash(PASSWORD),
    profile: opts.profile ?? 'reader',
    createdAt: t.deps.now(),
  });
  for (const g of opts.groups ?? []) {
    const existing = await findGroupByName(t.db, g.name);
    const groupId =
      existing?.id ?? (await insertGroup(t.db, { name: g.name, description: '', origin: 'admin', createdAt: t.deps.now() }));
    await grantPermissions(t.db, groupId, g.permissions ?? []);
    await addMember(t.db, groupId, id, t.deps.now());
  }
  return { id, email: opts.email, cookie: await sessionCookieFor(t, id) };
}

type Form = Record<string, string | string[]>;

function encode(form: Form): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  return p.toString();
}

/** A same-origin form POST, as a browser sends it (Origin header included, as csrf() requires). */
export function post(
  t: TestApp,
  path: string,
  form: Form = {},
  opts: { cookie?: string; htmx?: boolean; origin?: string | null; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers };
  if (opts.origin !== null) headers.origin = opts.origin ?? ORIGIN;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.htmx) headers['hx-request'] = 'true';
  return t.app.request(path, { method: 'POST', headers, body: encode(form) });
}

export function get(t: TestApp, path: string, opts: { cookie?: string; htmx?: boolean; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.htmx) headers['hx-request'] = 'true';
  return t.app.request(path, { headers });
}

/** The session cookie a response sets, as a Cookie header value. */
export function cookieFrom(res: Response): string | null {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('launchpad_session=') && !c.includes('Max-Age=0'));
  return set ? set.split(';')[0]! : null;
}
