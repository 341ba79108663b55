// The Users tab's bulk actions at scale, through the page's own POST (/users/bulk/apply, as the
// confirmation step sends it): "change the profile of 5,000 members" and "add 5,000 members to a group",
// each timed per submission against issue 16's 2 s. Not a load run: one submission at a time.
import SQLite from 'better-sqlite3';
import { median } from './invite-timing.js';
import { FORM } from './session.js';

export const BULK_TARGET_MS = 2_000;
export const BULK_MEMBERS = 5_000;

export interface BulkActionRun {
  ms: number;
  status: number;
  /** Rows the database shows changed afterwards. */
  changed: number;
}

export interface BulkActionTiming {
  name: string;
  request: string;
  rows: number;
  runs: BulkActionRun[];
  medianMs: number;
  worstMs: number;
}

interface Target {
  baseUrl: string;
  origin: string;
  cookie: string;
}

function submit(o: Target, fields: Record<string, string>) {
  const body = new URLSearchParams({ back: '/users', do: 'apply', ...fields });
  return fetch(`${o.baseUrl}/users/bulk/apply`, { method: 'POST', redirect: 'manual', headers: { 'content-type': FORM, origin: o.origin, cookie: o.cookie }, body: body.toString() });
}

async function timed(o: Target, fields: Record<string, string>): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const res = await submit(o, fields);
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

const summary = (name: string, request: string, rows: number, runs: BulkActionRun[]): BulkActionTiming => ({
  name,
  request,
  rows,
  runs,
  medianMs: median(runs.map((r) => r.ms)),
  worstMs: Math.max(...runs.map((r) => r.ms)),
});

/** `members` active readers (not the owner) and a small group; both actions `runs` times each. */
export async function timeBulkActions(o: Target & { dbPath: string; runs: number; members: number; groupId: number }): Promise<BulkActionTiming[]> {
  const db = new SQLite(o.dbPath, { readonly: true });
  try {
    const ids = (
      db
        .prepare("select id from users where profile = 'reader' and deactivated_at is null and id <> (select owner_id from space where id = 1) order by id limit ?")
        .all(o.members) as Array<{ id: number }>
    ).map((r) => r.id);
    const users = ids.join(',');
    const inList = `(${users})`;
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

    const profileRuns: BulkActionRun[] = [];
    for (let r = 1; r <= o.runs; r++) {
      const profile = r % 2 ? 'explorer' : 'reader';
      const t = await timed(o, { users, action: 'profile', profile, planned_for: `profile:${profile}` });
      profileRuns.push({ ...t, changed: count(`select count(*) as n from users where profile = '${profile}' and id in ${inList}`) });
    }
    if (o.runs % 2) await submit(o, { users, action: 'profile', profile: 'reader', planned_for: 'profile:reader' }); // back as seeded

    const groupRuns: BulkActionRun[] = [];
    const group = String(o.groupId);
    for (let r = 1; r <= o.runs; r++) {
      await submit(o, { users, action: 'remove_group', group, planned_for: `remove_group:${group}` }); // untimed: out of the group first
      const t = await timed(o, { users, action: 'add_group', group, planned_for: `add_group:${group}` });
      groupRuns.push({ ...t, changed: count(`select count(*) as n from group_members where group_id = ${o.groupId} and user_id in ${inList}`) });
    }
    return [
      summary(`Change the profile of ${ids.length.toLocaleString('en-US')} members`, '`POST /users/bulk/apply` (action=profile)', ids.length, profileRuns),
      summary(`Add ${ids.length.toLocaleString('en-US')} members to a group`, '`POST /users/bulk/apply` (action=add_group)', ids.length, groupRuns),
    ];
  } finally {
    db.close();
  }
}

const secs = (n: number) => `${(n / 1000).toFixed(2)} s`;
const ms = (n: number) => Math.round(n).toLocaleString('en-US');
const failures = (t: BulkActionTiming) => t.runs.filter((r) => r.status !== 303 || r.changed !== t.rows).length;

/** Rows of the report's Results table, like the bulk invite's. */
export function bulkTableRows(timings: BulkActionTiming[]): string[] {
  return timings.map((t) => `| ${t.name} (one submission, timed; not a load run) | ${t.request} | – | median ${ms(t.medianMs)} | worst ${ms(t.worstMs)} | | ${failures(t)} | – | | |`);
}

/** The verdict lines: each against 2 s. */
export function bulkTargetLines(timings: BulkActionTiming[], verdict: (ok: boolean) => string): string[] {
  return timings.map(
    (t) =>
      `- ${t.name} ≤ 2 s: ${verdict(t.medianMs <= BULK_TARGET_MS && t.worstMs <= BULK_TARGET_MS)} (median ${secs(t.medianMs)}, worst ${secs(t.worstMs)}, over ${t.runs.length} submissions` +
      `${failures(t) ? `; ${failures(t)} did not change every row` : ''})`,
  );
}
