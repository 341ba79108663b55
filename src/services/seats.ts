// How many seats of each profile are used and reserved, against what the subscription allows.
// Pending invitations that have not expired reserve a seat of their profile.
import type { Executor } from '../db/connect.js';
import { readCountsWithExpired, type CountsWithExpired } from '../db/queries/profile-counts.js';
import { PROFILES, type Profile, type Seats, type SeatUsage } from '../domain/profiles.js';

/** `known`: readCountsWithExpired's answer, when the caller has read it in the same request (the Users tab reads it once for both). */
export async function seatUsage(db: Executor, seats: Seats, now: number, known?: CountsWithExpired): Promise<Record<Profile, SeatUsage>> {
  const { counts, expired } = known ?? (await readCountsWithExpired(db, now));
  const out = {} as Record<Profile, SeatUsage>;
  for (const profile of PROFILES) {
    const c = counts.byProfile.find((r) => r.profile === profile);
    // An invitation reserves its seat until it expires.
    out[profile] = { profile, total: seats[profile], used: c?.members ?? 0, reserved: (c?.pending ?? 0) - expired[profile] };
  }
  return out;
}
