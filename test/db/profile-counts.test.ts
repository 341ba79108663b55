// What the seats read: the kept counts per profile and, beside each, its pending invitations past their
// expiry, in one statement; the same numbers as reading the two apart.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { closeInvitation, insertInvitation, markInvitationSent, markInvitationsSent } from '../../src/db/queries/invitations.js';
import { updateInvitationProfile } from '../../src/db/queries/invitation-edit.js';
import { readCountsWithExpired, readProfileCounts } from '../../src/db/queries/profile-counts.js';
import { emailKey, insertUser, setDeactivatedAt } from '../../src/db/queries/users.js';
import { PROFILES, type Profile } from '../../src/domain/profiles.js';
import { openEmptyTestDb, openTestDb } from '../support/db.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const DAY = 86_400_000;

let n = 0;
const invite = (db: Db, profile: Profile, expiresAt: number) => {
  n++;
  const email = `guest${n}@example.com`;
  return insertInvitation(db, {
    publicId: `pub-${n}`,
    secretHash: new Uint8Array([n & 255, n >> 8]),
    email,
    emailKey: emailKey(email),
    profile,
    invitedBy: null,
    invitedByLabel: 'Olivia Owner',
    createdAt: expiresAt - 7 * DAY,
    expiresAt,
  });
};

describe('readCountsWithExpired', () => {
  it('counts, per profile, the pending invitations expired by now (at now included), never closed ones', async () => {
    const db = await openTestDb();
    const ada = await insertUser(db, { email: 'ada@example.com', displayName: 'Ada', passwordHash: 'x', profile: 'designer', createdAt: NOW });
    await insertUser(db, { email: 'bo@example.com', displayName: 'Bo', passwordHash: 'x', profile: 'reader', createdAt: NOW });
    await setDeactivatedAt(db, ada, NOW);
    await invite(db, 'designer', NOW - DAY);
    await invite(db, 'designer', NOW);
    await invite(db, 'designer', NOW + 1);
    await invite(db, 'reader', NOW - 2 * DAY);
    await invite(db, 'reader', NOW + DAY);
    await closeInvitation(db, await invite(db, 'reader', NOW - DAY), { status: 'revoked', at: NOW - DAY });
    await closeInvitation(db, await invite(db, 'explorer', NOW - DAY), { status: 'revoked', at: NOW - DAY });

    const { counts, expired } = await readCountsWithExpired(db, NOW);
    expect(expired).toEqual({ designer: 2, explorer: 0, reader: 1 });
    expect(counts).toEqual(await readProfileCounts(db));
    expect(counts).toMatchObject({ members: 1, deactivated: 1, pending: 5 });
  });

  it('with nobody invited: none expired, for every profile', async () => {
    const db = await openTestDb();
    expect((await readCountsWithExpired(db, NOW)).expired).toEqual({ designer: 0, explorer: 0, reader: 0 });
  });
});

describe('the expired, read from invitation_expiries (migration 0021)', () => {
  /** What the seats must see: a plain count of the pending invitations expired by `now`. */
  async function counted(db: Db, now: number): Promise<Record<Profile, number>> {
    const rows = await db
      .selectFrom('invitations')
      .select(['profile', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'pending')
      .where('expires_at', '<=', now)
      .groupBy('profile')
      .execute();
    const out: Record<Profile, number> = { designer: 0, explorer: 0, reader: 0 };
    for (const r of rows) out[r.profile] = Number(r.n);
    return out;
  }

  /** The table the triggers keep, against the pending invitations grouped by profile and day of expiry. */
  async function tableMatches(db: Db): Promise<void> {
    const kept = await db.selectFrom('invitation_expiries').select(['profile', 'day', 'pending']).orderBy('profile').orderBy('day').execute();
    const pending = await db.selectFrom('invitations').select(['profile', 'expires_at']).where('status', '=', 'pending').execute();
    const byDay = new Map<string, number>();
    for (const p of pending) {
      const key = `${p.profile} ${Math.floor(Number(p.expires_at) / DAY)}`;
      byDay.set(key, (byDay.get(key) ?? 0) + 1);
    }
    const expected = [...byDay].map(([key, count]) => ({ key, count })).sort((a, b) => (a.key < b.key ? -1 : 1));
    const actual = kept.map((k) => ({ key: `${k.profile} ${Number(k.day)}`, count: Number(k.pending) })).sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(actual).toEqual(expected); // no row left at zero either
  }

  const dayStart = Math.floor(NOW / DAY) * DAY;
  const instants = [NOW, dayStart, dayStart - 1, dayStart + 1, dayStart + DAY - 1, dayStart + DAY, NOW - 3 * DAY, NOW + 3 * DAY, 0, NOW + 400 * DAY];

  it('gives the same as counting, after every kind of change to invitations, at day boundaries too', async () => {
    const db = await openTestDb();
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    // Expiries on and around the day boundaries, and anywhere within five days of now.
    const expiry = () => pick([dayStart, dayStart - 1, dayStart + 1, NOW, NOW + 1, NOW - 1, dayStart + DAY, dayStart + DAY - 1, NOW + Math.round((random() - 0.5) * 10 * DAY)]);
    const ids: number[] = [];
    for (let step = 0; step < 160; step++) {
      const op = ids.length < 10 ? 0 : Math.floor(random() * 6);
      const id = ids.length ? pick(ids) : 0;
      if (op === 0) ids.push(await invite(db, pick(PROFILES), expiry()));
      else if (op === 1) await closeInvitation(db, id, { status: 'revoked', at: NOW });
      else if (op === 2) await updateInvitationProfile(db, id, pick(PROFILES));
      else if (op === 3) await markInvitationSent(db, id, 1, NOW, expiry());
      else if (op === 4) await markInvitationsSent(db, [id, pick(ids)].filter((v, i, a) => a.indexOf(v) === i).map((i) => ({ id: i, outboxId: 1, expiresAt: expiry() })), NOW);
      else await db.deleteFrom('invitations').where('id', '=', id).execute();
      if (step % 20 === 19) {
        await tableMatches(db);
        for (const at of instants) {
          const want = await counted(db, at);
          expect((await readCountsWithExpired(db, at)).expired, `at ${new Date(at).toISOString()}`).toEqual(want);
        }
      }
    }
    // The sequence reached every kind of row: expired and not, on each side of midnight.
    expect(Object.values(await counted(db, NOW)).reduce((a, b) => a + b)).toBeGreaterThan(0);
    expect(Object.values(await counted(db, dayStart - 1)).reduce((a, b) => a + b)).toBeLessThan(Object.values(await counted(db, NOW)).reduce((a, b) => a + b));
  });

  it('starts filled from the invitations already there when the migration runs', async () => {
    const db = await openEmptyTestDb();
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0021'));
    await migrateToLatest(db, before);
    for (const [profile, at] of [['designer', NOW - 2 * DAY], ['designer', NOW - 2 * DAY + 5], ['reader', NOW - 1], ['reader', NOW + DAY]] as const) await invite(db, profile, at);
    await closeInvitation(db, await invite(db, 'explorer', NOW - DAY), { status: 'revoked', at: NOW });
    await migrateToLatest(db);
    await tableMatches(db);
    expect((await readCountsWithExpired(db, NOW)).expired).toEqual({ designer: 2, explorer: 0, reader: 1 });
  });
});
