import type { FC } from 'hono/jsx';
import { freeSeats, PROFILE_LABELS, PROFILES, type Profile, type SeatUsage } from '../../src/domain/profiles.js';
import { formatCount as n } from './format.js';

/** "3 members · 2 invited · 0 free of 5", or "… · no limit": what a profile's seats hold and what is left. */
export function seatSummary(u: SeatUsage): string {
  const parts = `${n(u.used)} ${u.used === 1 ? 'member' : 'members'} · ${n(u.reserved)} invited`;
  return u.total === null ? `${parts} · no limit` : `${parts} · ${n(freeSeats(u))} free of ${n(u.total)}`;
}

/** "Designer (2 free)", "Explorer (none free)", "Reader (no limit)": a profile as a choice in a form. */
export function profileChoice(p: Profile, u: SeatUsage): string {
  if (u.total === null) return `${PROFILE_LABELS[p]} (no limit)`;
  const free = freeSeats(u);
  return free === 0 ? `${PROFILE_LABELS[p]} (full: no seat free)` : `${PROFILE_LABELS[p]} (${n(free)} free)`;
}

/** The bar: members, then seats that pending invitations hold, out of the total (SVG: no inline style). */
const SeatBar: FC<{ u: SeatUsage & { total: number } }> = ({ u }) => {
  const scale = (k: number) => (u.total === 0 ? 0 : Math.min(100, (k / u.total) * 100));
  const used = scale(u.used);
  const reserved = Math.min(100 - used, scale(u.reserved));
  return (
    <svg class="seat-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect class="seat-bar-free" width="100" height="8" />
      <rect class="seat-bar-used" width={used.toFixed(1)} height="8" />
      <rect class="seat-bar-invited" x={used.toFixed(1)} width={reserved.toFixed(1)} height="8" />
    </svg>
  );
};

/** Each profile's seats as a card: members, invited (seats pending invitations hold) and free, with a bar of both. */
export const SeatCards: FC<{ usage: Record<Profile, SeatUsage> }> = ({ usage }) => (
  <ul class="seat-cards" aria-label="Seats">
    {PROFILES.map((p) => {
      const u = usage[p];
      const full = u.total !== null && freeSeats(u) === 0;
      return (
        <li class={full ? 'seat-card full' : 'seat-card'}>
          <span class="seat-profile">{PROFILE_LABELS[p]}</span>
          <span class="seat-count">{seatSummary(u)}</span>
          {u.total !== null ? <SeatBar u={{ ...u, total: u.total }} /> : null}
          {full ? <span class="seat-note">No seat free: invitations and changes to {PROFILE_LABELS[p]} are refused.</span> : null}
        </li>
      );
    })}
  </ul>
);
