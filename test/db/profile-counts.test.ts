// What the seats read: the kept counts per profile and, beside each, its pending invitations past their
// expiry, in one statement; the same numbers as reading the two apart.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { closeInvitation, insertInvitation } from '../../src/db/queries/invitations.js';
import { expiredPendingByProfile, readCountsWithExpired, readProfileCounts } from '../../src/db/queries/profile-counts.js';
import { emailKey, insertUser, setDeactivatedAt } from '../../src/db/queries/users.js';
import type { Profile } from '../../src/domain/profiles.js';
import { openTestDb } from '../support/db.js';

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
    expect(expired).toEqual(await expiredPendingByProfile(db, NOW));
    expect(counts).toMatchObject({ members: 1, deactivated: 1, pending: 5 });
  });

  it('with nobody invited: none expired, for every profile', async () => {
    const db = await openTestDb();
    expect((await readCountsWithExpired(db, NOW)).expired).toEqual({ designer: 0, explorer: 0, reader: 0 });
  });
});
