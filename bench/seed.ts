// Builds the benchmark database: the project's own migrations (openDatabase + migrateToLatest), then
// bulk inserts straight through better-sqlite3 on the same file. Times every table.
import SQLite from 'better-sqlite3';
import { createLinkSecrets } from '../src/auth/link-secrets.js';
import { createPasswordHasher } from '../src/auth/password.js';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Profile } from '../src/domain/profiles.js';
import { prng } from './fixtures.js';
import { seedAudit } from './seed-audit.js';
import { seedGroups, seedMemberships, type SeededGroup } from './seed-groups.js';
import { seedInvitations } from './seed-invitations.js';
import { seedUsers } from './seed-users.js';

export const SEED_PASSWORD = 'bench-password-1234';

/** The sizes. */
export const FULL_SIZE = { users: 100_000, spaceAdmins: 5, invitations: 20_000, groups: 500, memberships: 300_000, auditEvents: 1_000_000 };

export interface SeedTiming {
  step: string;
  rows: string;
  ms: number;
}

export interface SeedResult {
  timings: SeedTiming[];
  totalMs: number;
  password: string;
  /** The owner, a space admin. */
  adminEmail: string;
  adminCount: number;
  /** Members who are not admins, in random order: one per sign-in request. */
  signInEmails: string[];
  acceptTokens: string[];
  groupsBySize: SeededGroup[];
  usersByProfile: Record<Profile, number>;
  invitations: { pending: number; expired: number; groupRows: number };
  auditByAction: Record<string, number>;
}

function timed<T>(timings: SeedTiming[], step: string, rows: (r: T) => string, fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  timings.push({ step, rows: rows(r), ms: performance.now() - t0 });
  return r;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export async function seedDatabase(dbPath: string, secretKey: string, scale = 1): Promise<SeedResult> {
  const size = Object.fromEntries(
    Object.entries(FULL_SIZE).map(([k, v]) => [k, k === 'spaceAdmins' ? v : Math.max(k === 'groups' ? 2 : 10, Math.round(v * scale))]),
  ) as typeof FULL_SIZE;
  const timings: SeedTiming[] = [];
  const start = performance.now();

  let t0 = performance.now();
  const kysely = openDatabase(`file:${dbPath}`);
  const applied = await migrateToLatest(kysely);
  await kysely.destroy();
  timings.push({ step: 'migrations (openDatabase + migrateToLatest)', rows: `${applied.length} applied`, ms: performance.now() - t0 });

  t0 = performance.now();
  const passwordHash = await createPasswordHasher().hash(SEED_PASSWORD);
  timings.push({ step: 'shared password hash (createPasswordHasher)', rows: '1 hash', ms: performance.now() - t0 });

  const db = new SQLite(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON'); // every reference is checked as the app's connection would
  db.pragma('synchronous = OFF'); // seeding only: this connection, this run
  db.pragma('cache_size = -200000');
  const rand = prng(20_240_601);
  const now = Date.now();
  const links = createLinkSecrets(secretKey);

  try {
    const users = timed(timings, 'users', (u) => `${fmt(u.count)} (${u.adminIds.length} space admins incl. the owner)`, () =>
      seedUsers(db, rand, now, size.users, passwordHash, size.spaceAdmins),
    );
    const groups = timed(timings, 'space, groups, group_permissions', (g) => `1 + ${fmt(g.names.length + 1)} + ${fmt(g.permissionRows)}`, () =>
      seedGroups(db, rand, now, size.groups, users),
    );
    timed(timings, 'group_members', (n) => fmt(n), () => seedMemberships(db, rand, now, size.memberships, users, groups));
    const invitations = timed(
      timings,
      'invitations, outbox, invitation_groups',
      (i) => `${fmt(i.rows)} (${fmt(i.expired)} expired) + ${fmt(i.outboxRows)} + ${fmt(i.groupRows)}`,
      () => seedInvitations(db, rand, now, size.invitations, users, groups, links),
    );
    const audit = timed(timings, 'audit_events', (a) => fmt(a.rows), () =>
      seedAudit(db, rand, now, size.auditEvents, users, groups.names, [...groups.audit, ...invitations.audit]),
    );
    timed(timings, 'checkpoint (wal_checkpoint TRUNCATE)', () => '', () => db.pragma('wal_checkpoint(TRUNCATE)'));

    const admins = new Set(users.adminIds);
    const signInEmails = users.emails.filter((_, i) => !admins.has(i + 1));
    for (let i = signInEmails.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [signInEmails[i], signInEmails[j]] = [signInEmails[j]!, signInEmails[i]!];
    }
    return {
      timings,
      totalMs: performance.now() - start,
      password: SEED_PASSWORD,
      adminEmail: users.emails[users.adminIds[0]! - 1]!,
      adminCount: users.adminIds.length,
      signInEmails,
      acceptTokens: invitations.acceptTokens,
      groupsBySize: groups.bySize,
      usersByProfile: users.byProfile,
      invitations: { pending: invitations.rows, expired: invitations.expired, groupRows: invitations.groupRows },
      auditByAction: audit.byAction,
    };
  } finally {
    db.close();
  }
}
