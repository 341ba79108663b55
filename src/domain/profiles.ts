// Profiles and seats: pure rules, no I/O.

export const PROFILES = ['designer', 'explorer', 'reader'] as const;
export type Profile = (typeof PROFILES)[number];

export function isProfile(value: unknown): value is Profile {
  return typeof value === 'string' && (PROFILES as readonly string[]).includes(value);
}

/** Seats per profile; `null` means unlimited. */
export type Seats = Record<Profile, number | null>;

export type SeatsParseResult = { ok: true; seats: Seats } | { ok: false; error: string };

/** Parses `designer:5,explorer:10,reader:unlimited`. Every profile must be named once. */
export function parseSeats(text: string): SeatsParseResult {
  const seats: Partial<Seats> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value, extra] = part.split(':').map((p) => p.trim());
    if (!isProfile(name) || value === undefined || extra !== undefined) {
      return { ok: false, error: `"${part}" is not profile:count (profiles: ${PROFILES.join(', ')})` };
    }
    if (name in seats) return { ok: false, error: `${name} is named twice` };
    if (value === 'unlimited') seats[name] = null;
    else if (/^\d{1,9}$/.test(value)) seats[name] = Number(value);
    else return { ok: false, error: `${name}: "${value}" is not a whole number or "unlimited"` };
  }
  const missing = PROFILES.filter((p) => !(p in seats));
  if (missing.length) return { ok: false, error: `missing ${missing.join(', ')}` };
  return { ok: true, seats: seats as Seats };
}

export interface SeatUsage {
  profile: Profile;
  total: number | null;
  used: number;
  reserved: number;
}

export function freeSeats(u: SeatUsage): number {
  return u.total === null ? Number.POSITIVE_INFINITY : Math.max(0, u.total - u.used - u.reserved);
}

export type SeatCheck = { ok: true } | { ok: false; code: 'not_enough_seats'; needed: number; free: number };

/** May `needed` more people take a seat of this profile? */
export function checkSeats(u: SeatUsage, needed: number): SeatCheck {
  const free = freeSeats(u);
  if (needed <= free) return { ok: true };
  return { ok: false, code: 'not_enough_seats', needed, free };
}

/** How each profile reads on a page. */
export const PROFILE_LABELS: Record<Profile, string> = { designer: 'Designer', explorer: 'Explorer', reader: 'Reader' };
