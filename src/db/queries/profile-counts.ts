// Members and pending invitations per profile: the counts the triggers of migration 0005 keep in step
// with every write, so neither the Users list nor the seats count the tables.
import { PROFILES, type Profile } from '../../domain/profiles.js';
import type { Executor } from '../connect.js';
import { GENERIC_PLAN } from '../pg-prepared.js';

export interface ProfileCounts {
  /** members: active members (who hold a seat); deactivated: members who do not (migration 0017). */
  byProfile: Array<{ profile: Profile; members: number; pending: number; deactivated: number }>;
  members: number;
  pending: number;
  deactivated: number;
}

export async function readProfileCounts(db: Executor): Promise<ProfileCounts> {
  return summed(await db.selectFrom('profile_counts').select(['profile', 'members', 'pending', 'deactivated']).modifyEnd(GENERIC_PLAN).execute());
}

function summed(byProfile: ProfileCounts['byProfile']): ProfileCounts {
  return {
    byProfile,
    members: byProfile.reduce((n, r) => n + r.members, 0),
    pending: byProfile.reduce((n, r) => n + r.pending, 0),
    deactivated: byProfile.reduce((n, r) => n + r.deactivated, 0),
  };
}

/**
 * The kept counts and, beside each profile's, its pending invitations past their expiry (an index
 * range of (status, profile, expires_at)): what the seats need, in one statement.
 */
export async function readCountsWithExpired(db: Executor, now: number): Promise<{ counts: ProfileCounts; expired: Record<Profile, number> }> {
  const rows = await db
    .selectFrom('profile_counts')
    .select(['profile', 'members', 'pending', 'deactivated'])
    .select((eb) =>
      eb
        .selectFrom('invitations')
        .select(eb.fn.countAll<number>().as('n'))
        .where('invitations.status', '=', 'pending')
        .whereRef('invitations.profile', '=', 'profile_counts.profile')
        .where('invitations.expires_at', '<=', now)
        .as('expired'),
    )
    .modifyEnd(GENERIC_PLAN) // the same index range whatever the time (pg-prepared.ts)
    .execute();
  const expired: Record<Profile, number> = { designer: 0, explorer: 0, reader: 0 };
  for (const r of rows) expired[r.profile] = Number(r.expired ?? 0);
  return { counts: summed(rows.map(({ profile, members, pending, deactivated }) => ({ profile, members, pending, deactivated }))), expired };
}

/** Pending invitations past their expiry, per profile: an index range of (status, profile, expires_at). */
export async function expiredPendingByProfile(db: Executor, now: number): Promise<Record<Profile, number>> {
  const rows = await db
    .selectFrom('invitations')
    .select(['profile', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'pending')
    .where('profile', 'in', PROFILES) // lets the index read only the expired range of each profile
    .where('expires_at', '<=', now)
    .groupBy('profile')
    .execute();
  const out: Record<Profile, number> = { designer: 0, explorer: 0, reader: 0 };
  for (const r of rows) out[r.profile] = Number(r.n);
  return out;
}
