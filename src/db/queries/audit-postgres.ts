// An Audit log page on PostgreSQL. The indexes are SQLite's (0001, 0014, 0018: each filter's
// column, then id), but PostgreSQL 15 reads them differently in two ways, each of which had its planner
// walk the primary key backwards and test every row until the page was full:
// - an IN list (several actions, an actor's members) is not read in id order through an index, as SQLite
//   reads one ordered run per value and merges them; so each value gets an arm of its own, which walks
//   its index in id order and stops after the page, and the arms are merged;
// - a date range is assumed spread evenly over the ids, where it is one stretch of them (events are
//   written as they happen), so the walk skipped every newer event first (178,000 rows for two actions
//   and the month before last). Such a range is read whole through its index (0018's (action, at, id)
//   or 0014's (at, id)) and its ids sorted, as SQLite's plan does, unless the walk is the shorter read
//   (walkIsShorter); a range from a date onwards is walked, its newest events being the newest there are.
// Where one index walk finds the page (one action, one target, no filter), the rows are read in the walk.
import { sql } from 'kysely';
import type { Executor } from '../connect.js';
import { actionsOf, filteredIds, whereActions, whereFiltered, type AuditQuery, type EventIds, type PageIds } from './audit-filter.js';

export async function postgresPageRows(db: Executor, q: AuditQuery) {
  const ids = pageIds(db, q, q.toAt !== undefined && !q.actors && !(await walkIsShorter(db, q, q.toAt)));
  // The ids come sorted, limited and each once: joined to their rows, they keep their order without the
  // hash and the sort of "id in (…)" (the actor "garcia": 1.0 against 1.3 ms, and a shorter plan).
  if (ids) return db.selectFrom(ids.as('page')).innerJoin('audit_events', 'audit_events.id', 'page.id').selectAll('audit_events').orderBy('audit_events.id', 'desc').execute();
  // One index serves the filter in id order: the page's rows are read as it is walked. Finding the ids
  // first, then the rows, cost a hash, a sort and a plan twice as long (0.63 against 0.29 ms unfiltered).
  return whereActions(whereFiltered(db.selectFrom('audit_events').selectAll(), q), actionsOf(q)).orderBy('id', 'desc').limit(q.limit).execute();
}

/** The page's ids where they must be merged or sorted; null where one index walk finds the page. */
function pageIds(db: Executor, q: AuditQuery, readRange: boolean): PageIds | null {
  const actions = actionsOf(q);
  const newest = (qb: EventIds) => qb.orderBy('id', 'desc').limit(q.limit);
  // Arms that may meet (a member's events also carry the label typed, her address) are merged as a set:
  // the same event twice among the page's ids left the page short, and without "Older".
  const merged = (arms: PageIds[], mayMeet = false) => {
    const all = arms.map((arm) => db.selectFrom(arm.as('arm')).select('arm.id')).reduce((a, b) => (mayMeet ? a.union(b) : a.unionAll(b)));
    return db.selectFrom(all.as('arms')).select('arms.id').orderBy('arms.id', 'desc').limit(q.limit);
  };

  if (q.actors) {
    const { ids, label } = q.actors;
    const arms: PageIds[] = [];
    // One arm per member, each walking (actor_id, id) for its newest events: a term's 200 members had
    // their 1,600 events found by walking 58,000 rows of the primary key.
    if (ids.length) {
      const member = sql<number>`k.actor_id`;
      arms.push(
        db
          .selectFrom(db.selectNoFrom(sql<number>`unnest(${ids}::integer[])`.as('actor_id')).as('k'))
          .crossJoinLateral(newest(whereActions(filteredIds(db, q), actions).where('actor_id', '=', member)).as('e'))
          .select('e.id'),
      );
    }
    if (label !== null) arms.push(newest(whereActions(filteredIds(db, q), actions).where('actor_label', '=', label)));
    return merged(arms, true);
  }
  if (readRange) {
    // OFFSET 0 keeps the page's order and limit out of the read, so the planner picks the index for the
    // range (and the actions) alone; only the ids are then sorted.
    const range = whereActions(filteredIds(db, q), actions).offset(0);
    return db.selectFrom(range.as('range')).select('range.id').orderBy('range.id', 'desc').limit(q.limit);
  }
  if (actions.length > 1) return merged(actions.map((action) => newest(filteredIds(db, q).where('action', '=', action))));
  return null;
}

/** A walked event costs about this many index entries of a range read: the walk reads its row for `at`. */
const WALK_COST = 4;

/**
 * Whether walking from the newest event (or the page's last) down to the range's end costs less than
 * reading the whole range. Both are counted in time, not rows, as events are written as they happen:
 * only the choice of plan rests on that, never the answer. Ending yesterday, the range is walked (three
 * days of events skipped rather than two years read); a month that ended a month ago is read.
 */
async function walkIsShorter(db: Executor, q: AuditQuery, toAt: number): Promise<boolean> {
  // The first page of a range with both ends: the walk starts at the newest event, written about now.
  if (q.now !== undefined && q.fromAt !== undefined && q.beforeId === undefined) return (q.now - toAt) * WALK_COST < toAt - q.fromAt;
  const { start, first } = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('audit_events').select('at').$if(q.beforeId !== undefined, (qb) => qb.where('id', '<', q.beforeId!)).orderBy('id', 'desc').limit(1).as('start'),
      eb.selectFrom('audit_events').select('at').orderBy('at').limit(1).as('first'),
    ])
    .executeTakeFirstOrThrow();
  if (start === null || first === null) return true;
  const skipped = start - toAt;
  const range = Math.min(toAt, start) - Math.max(q.fromAt ?? first, first);
  return skipped * WALK_COST < range;
}
