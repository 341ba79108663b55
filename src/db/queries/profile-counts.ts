// Members and pending invitations per profile: the counts the triggers of migration 0005 keep in step
// with every write, so neither the Users list nor the seats count the tables.
import { PROFILES, type Profile } from '../../domain/profiles.js';
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../connect.js';
import type { Database } from '../schema.js';
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

/** The UTC day an instant falls on, as migration 0021 buckets expires_at. */
export const DAY_MS = 86_400_000;

/**
 * A profile's pending invitations past their expiry at `now`, as a scalar subquery on `profile`: the days
 * before today from invitation_expiries (a handful of rows), and today's from its own short index range
 * of (status, profile, expires_at). Counting the whole expired range instead read one index entry per
 * expired invitation (0.33 ms on PostgreSQL for the benchmark's 1,998).
 */
function expiredOf(eb: ExpressionBuilder<Database, 'profile_counts'>, now: number) {
  const today = Math.floor(now / DAY_MS);
  const before = eb
    .selectFrom('invitation_expiries')
    .select((e) => e.fn.coalesce(e.fn.sum<number>('invitation_expiries.pending'), e.lit(0)).as('n'))
    .whereRef('invitation_expiries.profile', '=', 'profile_counts.profile')
    .where('invitation_expiries.day', '<', today);
  const earlierToday = eb
    .selectFrom('invitations')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('invitations.status', '=', 'pending')
    .whereRef('invitations.profile', '=', 'profile_counts.profile')
    .where('invitations.expires_at', '>=', today * DAY_MS)
    .where('invitations.expires_at', '<=', now);
  return eb(before, '+', earlierToday);
}

export interface CountsWithExpired {
  counts: ProfileCounts;
  /** Pending invitations past their expiry, per profile. */
  expired: Record<Profile, number>;
}

/** The kept counts and, beside each profile's, its pending invitations past their expiry: what the seats need, in one statement. */
export async function readCountsWithExpired(db: Executor, now: number): Promise<CountsWithExpired> {
  const rows = await db
    .selectFrom('profile_counts')
    .select(['profile', 'members', 'pending', 'deactivated'])
    .select((eb) => expiredOf(eb, now).as('expired'))
    .modifyEnd(GENERIC_PLAN) // the same plan whatever the time (pg-prepared.ts)
    .execute();
  const expired: Record<Profile, number> = { designer: 0, explorer: 0, reader: 0 };
  for (const r of rows) expired[r.profile] = Number(r.expired ?? 0);
  return { counts: summed(rows.map(({ profile, members, pending, deactivated }) => ({ profile, members, pending, deactivated }))), expired };
}

