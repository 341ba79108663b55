// The seats a whole import file needs, per profile, checked by the same rule as Invite a User. Pure.
import type { ImportLine } from './import-preview.js';
import { checkSeats, freeSeats, PROFILES, type Profile, type SeatUsage } from './profiles.js';

export interface SeatNeed {
  profile: Profile;
  /** Seats the file takes, less those it frees by moving members to another profile. */
  needed: number;
  free: number;
  ok: boolean;
}

/** The whole file's seats: invitations and moves into a profile take one, moves out of it give one back. */
export function seatNeeds(lines: readonly ImportLine[], usage: Readonly<Record<Profile, SeatUsage>>): SeatNeed[] {
  const net: Record<Profile, number> = { designer: 0, explorer: 0, reader: 0 };
  for (const l of lines) {
    if (!l.ok) continue;
    if (l.action.kind === 'invite') {
      net[l.action.profile]++;
    } else if (l.action.kind === 'update_member' && l.action.profile) {
      net[l.action.profile.to]++;
      net[l.action.profile.from]--;
    }
  }
  return PROFILES.filter((p) => net[p] > 0).map((profile) => {
    const check = checkSeats(usage[profile], net[profile]);
    return check.ok
      ? { profile, needed: net[profile], free: freeSeats(usage[profile]), ok: true }
      : { profile, needed: check.needed, free: check.free, ok: false };
  });
}

