// The Audit log's reads against a plain reference: every combination of its filters (actions, an actor's
// members and label, a target, a date range), newest first by id, paged by keyset. The events' times are
// shuffled against their ids, so an order by time would show; and an actor's members and label are two
// reads that must merge into one page. On PostgreSQL each member and each action is an arm of its own and a
// range with an end is read whole (src/db/queries/audit-postgres.ts): the same combinations hold those
// forms to the same answers.
import { describe, expect, it } from 'vitest';
import { insertAuditEvents, listAuditEvents, type AuditEvent, type AuditEventInput, type AuditQuery } from '../../src/db/queries/audit.js';
import { openTestDb } from '../support/db.js';

const ACTIONS = ['group.created', 'user.updated', 'session.signed_in', 'group.member_removed', 'invitation.created'];
const LABELS = ['ada@example.com', 'bob@example.com', 'carol@example.com', 'command line', 'key:ci'];
const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 1);

/** mulberry32: the same events on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

function events(): AuditEventInput[] {
  const int = prng(20261204);
  return Array.from({ length: 700 }, (_, i) => {
    const who = int(LABELS.length);
    return {
      // Mostly in order, a fifth of them days away from their neighbours.
      at: START + Math.floor(i / 10) * DAY + (int(5) === 0 ? (int(11) - 5) * DAY : int(DAY)),
      actorId: who < 3 ? who + 1 : null,
      actorLabel: LABELS[who]!,
      action: ACTIONS[int(ACTIONS.length)]!,
      targetType: int(3) === 0 ? 'group' : 'user',
      targetId: String(int(6)),
      targetLabel: `target-${int(6)}`,
    };
  });
}

function reference(all: AuditEvent[], q: Omit<AuditQuery, 'limit' | 'beforeId'>): AuditEvent[] {
  const actions = [...(q.action ? [q.action] : []), ...(q.actions ?? [])];
  return all
    .filter((e) => actions.length === 0 || actions.includes(e.action))
    .filter((e) => q.actorId === undefined || e.actorId === q.actorId)
    .filter((e) => !q.actors || (e.actorId !== null && q.actors.ids.includes(e.actorId)) || e.actorLabel === q.actors.label)
    .filter((e) => !q.target || ('label' in q.target ? e.targetLabel === q.target.label : e.targetType === q.target.type && e.targetId === q.target.id))
    .filter((e) => (q.fromAt === undefined || e.at >= q.fromAt) && (q.toAt === undefined || e.at < q.toAt))
    .sort((a, b) => b.id - a.id);
}

describe('listAuditEvents', () => {
  it('returns what the reference does for every combination of filters, page after page', async () => {
    const db = await openTestDb();
    await insertAuditEvents(db, events());
    const all = await listAuditEvents(db, { limit: 10_000 });
    expect(all).toHaveLength(700);

    const actionSets = [
      undefined,
      ['user.updated'],
      ['user.updated', 'group.member_removed'],
      ['session.signed_in', 'invitation.created', 'group.created'],
      ['group.created', 'space.deleted'], // one action no event has: its arm (on PostgreSQL) finds nothing
    ];
    const actorSets: Array<AuditQuery['actors']> = [
      undefined,
      { ids: [1], label: 'ada' }, // a member, and a label no event has
      { ids: [1, 2], label: 'command line' }, // two members and an operator
      { ids: [], label: 'key:ci' }, // no member matched: the label alone
      { ids: [3], label: null },
      { ids: [3, 1, 404], label: null }, // in no order, and a member who never acted
      { ids: [1, 2], label: 'ada@example.com' }, // the label is a member's own: her events match twice, are listed once
    ];
    const targets: Array<AuditQuery['target']> = [undefined, { type: 'user', id: '2' }, { label: 'target-4' }];
    // With the request's time, PostgreSQL chooses how to read a range with both ends without a statement.
    const ranges: Array<[number | undefined, number | undefined, number?]> = [
      [undefined, undefined],
      [START + 20 * DAY, START + 50 * DAY],
      [START + 60 * DAY, undefined],
      [undefined, START + 5 * DAY],
      // Ending just before the newest events: PostgreSQL walks down to it from the newest, where it reads
      // the ranges above whole for their first page (and walks on from each page's last event).
      [START + 10 * DAY, START + 68 * DAY],
      [START + 10 * DAY, START + 68 * DAY, START + 70 * DAY],
      [START + 20 * DAY, START + 50 * DAY, START + 70 * DAY],
    ];
    let checked = 0;
    const mismatches: string[] = [];
    for (const actions of actionSets) {
      for (const actors of actorSets) {
        for (const target of targets) {
          for (const [fromAt, toAt, now] of ranges) {
            const q = { actions, actors, target, fromAt, toAt, now };
            const want = reference(all, q).map((e) => e.id);
            const got: number[] = [];
            let beforeId: number | undefined;
            for (let page = 0; page < 100; page++) {
              const rows = await listAuditEvents(db, { ...q, beforeId, limit: 7 });
              got.push(...rows.map((e) => e.id));
              if (rows.length < 7) break;
              beforeId = rows.at(-1)!.id;
            }
            checked++;
            if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${JSON.stringify(q)}: got ${got.length} ids, want ${want.length}`);
          }
        }
      }
    }
    expect(mismatches, mismatches.slice(0, 5).join('\n')).toEqual([]);
    expect(checked).toBe(735);
  });
});
