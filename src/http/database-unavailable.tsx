// When the database cannot take a write right now: another process holds SQLite's write lock past the
// busy timeout, the disk is full, or the PostgreSQL server cannot be reached. Both are the server's state, not a bug: 503 with Retry-After, a
// page that says what happened, and one line in the log (no stack). The transaction was rolled back,
// so nothing is half-written; the same request sent again later works.
import type { Context } from 'hono';
import { StatusPanel } from '../../views/pages/status.js';
import { renderBare } from './pages.js';
import { isDatabaseUnavailable } from './unavailable.js';

export type Unavailable = 'busy' | 'disk_full' | 'unreachable';

/** better-sqlite3 error codes (extended ones too, SQLITE_BUSY_SNAPSHOT…) and their PostgreSQL counterparts. */
export function unavailableReason(err: unknown): Unavailable | null {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code) || code === '55P03' || code === '40P01') return 'busy';
  if (/^SQLITE_FULL/.test(code) || code === '53100') return 'disk_full';
  if (isDatabaseUnavailable(err)) return 'unreachable';
  return null;
}

const WORDS: Record<Unavailable, { retryAfterS: number; title: string; message: string; log: string }> = {
  busy: {
    retryAfterS: 2,
    title: 'The Launchpad is busy',
    message: 'Another task was changing the data at the same moment, and nothing was saved. Send the form again in a few seconds.',
    log: 'database busy: another process held the write lock past the busy timeout',
  },
  disk_full: {
    retryAfterS: 60,
    title: 'The Launchpad cannot save right now',
    message: 'The server’s disk is full, so nothing was saved. Tell the administrator of this server, then try again.',
    log: 'database write failed: the disk is full',
  },
  unreachable: {
    retryAfterS: 5,
    title: 'Launchpad is unavailable for a moment',
    message: 'Its database cannot be reached. Try again in a few seconds.',
    log: 'database unreachable (connection refused, dropped or shutting down)',
  },
};

export function renderUnavailable(c: Context, reason: Unavailable, log: (line: string) => void = console.error): Response | Promise<Response> {
  const w = WORDS[reason];
  log(`[db] ${w.log}; answered 503 to ${c.req.method} ${c.req.path}`);
  c.header('Retry-After', String(w.retryAfterS));
  const panel = <StatusPanel code={503} title={w.title} message={w.message} />;
  if (c.req.header('hx-request') === 'true') return c.html(panel, 503);
  return renderBare(c, w.title, panel, 503);
}
