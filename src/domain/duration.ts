// Durations written as 7d, 12h, 30m, 45s or a combination (1d12h). Pure.

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (!/^(\d+[dhms])+$/.test(t)) return null;
  let total = 0;
  for (const [, n, unit] of t.matchAll(/(\d+)([dhms])/g)) {
    total += Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return total > 0 ? total : null;
}

export function formatDuration(ms: number): string {
  const days = Math.floor(ms / UNIT_MS.d);
  if (days >= 1 && ms % UNIT_MS.d === 0) return days === 1 ? '1 day' : `${days} days`;
  const hours = Math.round(ms / UNIT_MS.h);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
