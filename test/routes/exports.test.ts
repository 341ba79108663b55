// Downloads: the Users list as CSV with the tab's filters and every page, the Audit log as CSV and JSON
// Lines with the log's filters; dated file names, streamed, audited, Space Admin only.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { eachUserForExport } from '../../src/db/queries/user-export.js';
import { parseUsersCsv } from '../../src/services/import/parse-users-csv.js';
import { addUser, get, makeApp, type TestApp } from '../support/app.js';
import { inviteOne, spaceWithOwner } from '../support/invitations.js';

async function space(t: TestApp) {
  const { owner, admin } = await spaceWithOwner(t);
  await addUser(t, { email: 'ada@example.com', name: 'Lovelace, Ada', profile: 'designer', groups: [{ name: 'analysts' }] });
  await addUser(t, { email: 'bob@example.com', name: 'Bob Builder', profile: 'explorer' });
  await inviteOne(t, admin, 'carol@example.com', { profile: 'reader' });
  return { owner, admin };
}

const lines = (text: string) => text.replace(/^\uFEFF/, '').trim().split('\r\n');

describe('GET /users/export.csv', () => {
  it('downloads every member and invitation with a dated name and the columns of the Users tab', async () => {
    const t = await makeApp();
    const { owner } = await space(t);
    const res = await get(t, '/users/export.csv', { cookie: owner.cookie, headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="launchpad-users-2026-11-26.csv"');
    expect(res.headers.get('content-encoding'), 'streamed as it is read, not buffered to compress').toBeNull();
    const text = await res.text();
    const [header, ...rows] = lines(text);
    expect(header).toBe('email,name,profile,groups,status,last sign-in,invited by,expires');
    expect(rows).toContain('ada@example.com,"Lovelace, Ada",designer,analysts,active,,,');
    expect(rows.find((r) => r.startsWith('carol@example.com'))).toMatch(/^carol@example\.com,,reader,,invited,,Olivia Owner,2026-12-03T12:00:00Z$/);
    expect(rows).toHaveLength(4);
    // What the export writes, the import reads back.
    const parsed = parseUsersCsv(new TextEncoder().encode(text));
    expect(parsed.ok && parsed.rows.length).toBe(4);
  });

  it('keeps the filters of the tab (profile, search, status, group)', async () => {
    const t = await makeApp();
    const { owner } = await space(t);
    const emails = async (q: string) => lines(await (await get(t, `/users/export.csv?${q}`, { cookie: owner.cookie })).text()).slice(1).map((r) => r.split(',')[0]);
    expect(await emails('profile=explorer')).toEqual(['bob@example.com']);
    expect(await emails('q=LOVE')).toEqual(['ada@example.com']);
    expect(await emails('status=invited')).toEqual(['carol@example.com']);
    const groupId = (await t.db.selectFrom('groups').select('id').where('name', '=', 'analysts').executeTakeFirstOrThrow()).id;
    expect(await emails(`group=${groupId}`)).toEqual(['ada@example.com']);
  });

  it('is audited, with the filters', async () => {
    const t = await makeApp();
    const { owner } = await space(t);
    await (await get(t, '/users/export.csv?profile=reader', { cookie: owner.cookie })).text();
    expect(await listAuditEvents(t.db, { action: 'users.exported', limit: 5 })).toMatchObject([{ actorId: owner.id, details: { format: 'csv', profile: 'reader' } }]);
  });

  it('is refused to a member who is not a Space Admin', async () => {
    const t = await makeApp();
    await space(t);
    const member = await addUser(t, { email: 'dan@example.com' });
    expect((await get(t, '/users/export.csv', { cookie: member.cookie })).status).toBe(403);
  });

  it('reads the list in keyset batches, members then invitations, every row once', async () => {
    const t = await makeApp();
    await space(t);
    const seen: string[] = [];
    for await (const r of eachUserForExport(t.db, {}, t.deps.now(), 1)) seen.push(r.email);
    expect(seen).toEqual(['owner@example.com', 'ada@example.com', 'bob@example.com', 'carol@example.com']);
  });
});

describe('GET /audit/export.csv and .jsonl', () => {
  it('downloads the filtered log as CSV and as JSON Lines, audited', async () => {
    const t = await makeApp();
    const { owner } = await space(t);
    const csv = await get(t, '/audit/export.csv?action=invitation.created', { cookie: owner.cookie });
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="launchpad-audit-2026-11-26.csv"');
    const [header, ...rows] = lines(await csv.text());
    expect(header).toBe('id,at,actor,action,target type,target id,target,details');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('invitation.created');
    const jsonl = await get(t, '/audit/export.jsonl?actor=owner', { cookie: owner.cookie });
    expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const events = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l) as { action: string; actor: { id: number } });
    expect(events.map((e) => e.action)).toContain('invitation.created');
    expect(new Set(events.map((e) => e.actor.id))).toEqual(new Set([owner.id]));
    expect(await listAuditEvents(t.db, { action: 'audit.exported', limit: 5 })).toHaveLength(2);
  });
});
