import type { FC } from 'hono/jsx';
import { PROFILE_LABELS, PROFILES, type Profile, type SeatUsage } from '../../src/domain/profiles.js';


function percent(u: SeatUsage): number {
  if (u.total === null || u.total === 0) return u.total === 0 ? 100 : 0;
  return Math.min(100, Math.round(((u.used + u.reserved) / u.total) * 100));
}

/** "designer 8 / 10, 1 reserved by a pending invitation", as cards with a bar. */
export const SeatCards: FC<{ usage: Record<Profile, SeatUsage> }> = ({ usage }) => (
  <ul class="seat-cards" aria-label="Seats">
    {PROFILES.map((p) => {
      const u = usage[p];
      const full = u.total !== null && u.used + u.reserved >= u.total;
      return (
        <li class={full ? 'seat-card full' : 'seat-card'}>
          <span class="seat-profile">{PROFILE_LABELS[p]}</span>
          <span class="seat-count">
            <strong>{u.used}</strong> / {u.total === null ? 'unlimited' : u.total}
          </span>
          {u.total !== null ? (
            <meter min={0} max={u.total || 1} value={Math.min(u.used + u.reserved, u.total || 1)} aria-label={`${PROFILE_LABELS[p]} seats in use`} data-pct={percent(u)}></meter>
          ) : null}
          <span class="seat-note">
            {u.reserved > 0
              ? `${u.reserved} reserved by ${u.reserved === 1 ? 'a pending invitation' : 'pending invitations'}`
              : full
                ? 'No seat free'
                : u.total === null
                  ? 'No limit'
                  : `${u.total - u.used - u.reserved} free`}
          </span>
        </li>
      );
    })}
  </ul>
);
