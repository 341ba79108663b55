// The Audit log answers questions: when (a date range), what (several actions), who (part of a name or
// email, or an operator's label) and about whom or what (a target by the link on its row, or its label).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ACTOR_MATCH_LIMIT } from '../../src/db/queries/audit-actors.js';
import { insertAuditEvent } from '../../src/db/queries/audit.js';
import { insertUser } from '../../src/db/queries/users.js';
import { addUser, get, makeApp, withSpace, type TestApp } from '../support/app.js';
import { testEngine } from '../support/db.js';
import { textOf } from '../support/invitations.js';

const DAY = 86_400_000;
const rowCount = (html: string) => html.match(/<time datetime=/g)?.length ?? 0;

async function seed(t: TestApp) {
  const owner = await withSpace(t);
  const ada = await addUser(t, { email: 'ada@example.com', name: 'Ada Lovelace' });
  const bob = await addUser(t, { email: 'bob@example.com', name: 'Bob Builder' });
  const start = Date.UTC(2026, 10, 1, 12);
  const events = [
    { day: 0, who: ada, action: 'group.created', type: 'group', id: 7, label: 'analysts' },
    { day: 1, who: bob, action: 'user.updated', type: 'user', id: ada.id, label: 'ada@example.com' },
    { day: 2, who: ada, action: 'invitation.revoked', type: 'invitation', id: 3, label: 'carol@example.com' },
    { day: 3, who: bob, action: 'code_env.created', type: 'code_env', id: 4, label: 'pandas-env' },
    { day: 4, who: null, action: 'password.reset_link_created', type: 'user', id: bob.id, label: 'bob@example.com' },
  ];
  for (const e of events) {
    await insertAuditEvent(t.db, {
      at: start + e.day * DAY,
      actorId: e.who?.id ?? null,
      actorLabel: e.who?.email ?? 'command line',
      action: e.action,
      targetType: e.type,
      targetId: e.id,
      targetLabel: e.label,
    });
  }
  return { owner, ada, bob };
}

async function shown(t: TestApp, cookie: string, query: string) {
  const html = await (await get(t, `/audit?${query}`, { cookie })).text();
  return { html, text: textOf(html), rows: rowCount(html) };
}

describe('the Audit log filters', () => {
  it('keeps the events of a date range, both days included (UTC)', async () => {
    const t = await makeApp();
    const { owner } = await seed(t);
    const r = await shown(t, owner.cookie, 'from=2026-11-02&to=2026-11-03');
    expect(r.rows).toBe(2);
    expect(r.text).toContain('ada@example.com');
    expect(r.text).toContain('carol@example.com');
    expect(r.text).not.toContain('pandas-env');
    expect(r.html).toContain('value="2026-11-02"');
  });

  it('keeps several actions at once, and each stays chosen', async () => {
    const t = await makeApp();
    const { owner } = await seed(t);
    const r = await shown(t, owner.cookie, 'action=group.created&action=code_env.created');
    expect(r.rows).toBe(2);
    expect(r.text).toContain('analysts');
    expect(r.text).toContain('pandas-env');
    expect(r.html).toMatch(/<option value="group.created" selected/);
    expect(r.html).toMatch(/<option value="code_env.created" selected/);
  });

  it('finds the actor by part of a name, part of an email, or an operator label', async () => {
    const t = await makeApp();
    const { owner } = await seed(t);
    expect((await shown(t, owner.cookie, 'actor=lovel')).rows).toBe(2);
    expect((await shown(t, owner.cookie, 'actor=BOB%40')).rows).toBe(2);
    const cli = await shown(t, owner.cookie, 'actor=command+line');
    expect(cli.rows).toBe(1);
    expect(cli.text).toContain('bob@example.com');
  });

  it('says so when the actor matches more members than it reads, and which of them it shows', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const garcias: number[] = [];
    for (let i = 0; i <= ACTOR_MATCH_LIMIT; i++) {
      const n = String(i).padStart(3, '0');
      garcias.push(await insertUser(t.db, { email: `g${n}@example.com`, displayName: `Garcia ${n}`, passwordHash: 'x', profile: 'reader', createdAt: t.deps.now() }));
    }
    const first = garcias[0]!;
    const last = garcias[ACTOR_MATCH_LIMIT]!; // the 201st by name: past what the filter reads
    await insertAuditEvent(t.db, { at: t.deps.now(), actorId: first, actorLabel: 'g000@example.com', action: 'group.created', targetLabel: 'first-garcia' });
    await insertAuditEvent(t.db, { at: t.deps.now(), actorId: last, actorLabel: `g${ACTOR_MATCH_LIMIT}@example.com`, action: 'group.created', targetLabel: 'last-garcia' });

    const many = await shown(t, owner.cookie, 'actor=garcia');
    expect(many.text).toContain(`More than ${ACTOR_MATCH_LIMIT} members' names or addresses hold "garcia": these are the events of the first ${ACTOR_MATCH_LIMIT} by name.`);
    expect(many.html).toContain('aria-describedby="f-actor-note"');
    expect(many.text).toContain('first-garcia');
    expect(many.text).not.toContain('last-garcia');

    // Exactly as many as it reads: all of them, and nothing to say.
    await t.db.deleteFrom('audit_events').where('actor_id', '=', last).execute();
    await t.db.deleteFrom('users').where('id', '=', last).execute();
    const all = await shown(t, owner.cookie, 'actor=garcia');
    expect(all.text).not.toContain('More than');
    expect(all.text).toContain('first-garcia');
  });

  it('finds the events about one target, by the link on its row or by its label', async () => {
    const t = await makeApp();
    const { owner, bob } = await seed(t);
    const byLink = await shown(t, owner.cookie, `target=user:${bob.id}`);
    expect(byLink.rows).toBe(1);
    expect(byLink.text).toContain('Password reset link created');
    expect((await shown(t, owner.cookie, 'target=analysts')).rows).toBe(1);
    expect((await shown(t, owner.cookie, 'target=nothing-here')).text).toContain('No events match.');
  });

  it('links every row to its target, and to the events about it with the other filters kept', async () => {
    const t = await makeApp();
    const { owner, ada } = await seed(t);
    const { html } = await shown(t, owner.cookie, 'from=2026-11-01');
    expect(html).toContain(`href="/users/${ada.id}/edit"`);
    expect(html).toContain('href="/groups/7/edit"');
    expect(html).toContain('href="/code-envs/4/edit"');
    expect(html).toContain('href="/users?q=carol%40example.com"');
    expect(html).toContain('href="/audit?target=group%3A7&amp;from=2026-11-01"');
  });

  it('offers the downloads with the current filters', async () => {
    const t = await makeApp();
    const { owner } = await seed(t);
    const { html } = await shown(t, owner.cookie, 'action=group.created&actor=ada');
    expect(html).toContain('href="/audit/export.csv?action=group.created&amp;actor=ada"');
    expect(html).toContain('href="/audit/export.jsonl?action=group.created&amp;actor=ada"');
  });

  it('pages by keyset with the filters kept in "Older »"', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    for (let i = 0; i < 55; i++) {
      await insertAuditEvent(t.db, { at: t.deps.now() + i, actorId: owner.id, actorLabel: owner.email, action: 'group.created', targetLabel: `g${i}` });
    }
    const first = await shown(t, owner.cookie, 'action=group.created');
    const older = /href="(\/audit\?action=group.created&amp;before=\d+)"/.exec(first.html)![1]!.replaceAll('&amp;', '&');
    const second = await shown(t, owner.cookie, older.slice('/audit?'.length));
    expect(first.rows + second.rows).toBe(55);
  });
});

describe('the Audit log indexes', () => {
  it.each([
    ['a date range', 'at >= 1 and at < 2', 'audit_events_at_idx'],
    ['an actor label', "actor_label = 'command line'", 'audit_events_actor_label_idx'],
    ['a target', "target_type = 'user' and target_id = '3'", 'audit_events_target_idx'],
    ['a target label', "target_label = 'analysts'", 'audit_events_target_label_idx'],
    ['an action', "action = 'group.created'", 'audit_events_action_idx'],
    ['actions and a date range', "action in ('group.created', 'user.updated') and at >= 1 and at < 2", 'audit_events_action_at_idx'],
  ])('reads %s through its index, in id order', async (_name, where, index) => {
    const t = await makeApp();
    if (testEngine === 'postgres') {
      // PostgreSQL's planner picks by statistics an empty test table does not have: the index is there to pick.
      const found = await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = current_schema() and tablename = 'audit_events'`.execute(t.db);
      expect(found.rows.map((r) => r.indexname)).toContain(index);
      return;
    }
    const plan = await sql<{ detail: string }>`explain query plan select * from audit_events where ${sql.raw(where)} order by id desc limit 51`.execute(t.db);
    const details = plan.rows.map((r) => r.detail).join(' | ');
    expect(details).toContain(index);
  });
});
