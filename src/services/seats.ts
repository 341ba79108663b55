// How many seats of each profile are used and reserved, against what the subscription allows.
import type { Executor } from '../db/connect.js';
import { countUsersByProfile } from '../db/queries/users.js';
import { PROFILES, type Profile, type Seats, type SeatUsage } from '../domain/profiles.js';

export async function seatUsage(db: Executor, seats: Seats): Promise<Record<Profile, SeatUsage>> {
  const used = await countUsersByProfile(db);
  const out = {} as Record<Profile, SeatUsage>;
  for (const profile of PROFILES) out[profile] = { profile, total: seats[profile], used: used[profile], reserved: 0 };
  return out;
}
