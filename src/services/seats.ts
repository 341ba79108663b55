// How many seats of each profile are used and reserved, against what the subscription allows.
// Pending invitations that have not expired reserve a seat of their profile.
import type { Executor } from '../db/connect.js';
import { reservedSeats } from '../db/queries/invitations.js';
import { countUsersByProfile } from '../db/queries/users.js';
import { PROFILES, type Profile, type Seats, type SeatUsage } from '../domain/profiles.js';

export async function seatUsage(db: Executor, seats: Seats, now: number): Promise<Record<Profile, SeatUsage>> {
  const [used, reserved] = await Promise.all([countUsersByProfile(db), reservedSeats(db, now)]);
  const out = {} as Record<Profile, SeatUsage>;
  for (const profile of PROFILES) {
    out[profile] = { profile, total: seats[profile], used: used[profile], reserved: reserved[profile] };
  }
  return out;
}
