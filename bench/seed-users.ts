// Users: the owner, a handful of space admins, and everyone else across the three profiles. Same columns and
// keys as insertUser (src/db/queries/users.ts) writes: trimmed address, folded email_key and name_key.
import { emailKey, nameKey } from '../src/db/queries/users.js';
import type { Profile } from '../src/domain/profiles.js';
import { insertRows, type SqliteDb, type SqlValue } from './bulk-insert.js';
import { person } from './fixtures.js';

export const DAY = 86_400_000;

export interface SeededUsers {
  count: number;
  emails: string[];
  names: string[];
  createdAt: Float64Array;
  byProfile: Record<Profile, number>;
  /** The owner first, then the other space admins (ids 1..n). */
  adminIds: number[];
}

/** 10% designers, 30% explorers, 60% readers. */
export function someProfile(rand: () => number): Profile {
  const r = rand();
  return r < 0.1 ? 'designer' : r < 0.4 ? 'explorer' : 'reader';
}

export function seedUsers(db: SqliteDb, rand: () => number, now: number, count: number, passwordHash: string, extraAdmins: number): SeededUsers {
  const emails: string[] = new Array(count);
  const names: string[] = new Array(count);
  const createdAt = new Float64Array(count);
  const byProfile: Record<Profile, number> = { designer: 0, explorer: 0, reader: 0 };
  const start = now - 730 * DAY;
  const span = 729 * DAY;
  const admins = Math.min(extraAdmins + 1, count);

  function* rows(): Generator<SqlValue[]> {
    for (let i = 0; i < count; i++) {
      const id = i + 1;
      const p = i === 0 ? { displayName: 'Olivia Owner', email: 'owner@northwind.example' } : person(rand, id);
      const profile: Profile = i < admins ? 'designer' : someProfile(rand);
      const created = i === 0 ? start : start + Math.floor(((i + rand()) / count) * span);
      const lastLogin = rand() < 0.15 ? null : created + Math.floor(rand() * (now - created));
      emails[i] = p.email.trim();
      names[i] = p.displayName;
      createdAt[i] = created;
      byProfile[profile] += 1;
      yield [id, p.email.trim(), emailKey(p.email), p.displayName, nameKey(p.displayName), passwordHash, profile, created, lastLogin];
    }
  }
  insertRows(
    db,
    'insert into users (id, email, email_key, display_name, name_key, password_hash, profile, created_at, last_login_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    rows(),
  );
  return { count, emails, names, createdAt, byProfile, adminIds: Array.from({ length: admins }, (_, i) => i + 1) };
}
