// "Import users" through HTTP, JavaScript off: upload (multipart) → preview line by line → Import in one
// transaction → the result page. The file is carried between the two in a sealed field, never in memory.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { addUser, get, makeApp, ORIGIN, post, type TestApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { unescapeHtml } from '../support/html.js';
import { spaceWithOwner, textOf } from '../support/invitations.js';

/** A file as a spreadsheet saves it: BOM, semicolons, CRLF, a quoted name with a comma and a semicolon. */
const SPREADSHEET = [
  '\uFEFFEmail;Name;Profile;Groups',
  'ada@example.com;"Lovelace, Ada";designer;analysts',
  'grace@example.com;Grace Hopper;Space Admin;',
  'not-an-address;Bad Line;reader;',
  'bob@example.com;"Builder; Bob";explorer;analysts;ops',
].join('\r\n');

function upload(t: TestApp, cookie: string, csv: string | Uint8Array<ArrayBuffer>, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new File([csv], 'people.csv', { type: 'text/csv' }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return t.app.request('/users/import/preview', { method: 'POST', headers: { cookie, origin: ORIGIN }, body: form });
}

const hidden = (html: string, name: string) => unescapeHtml(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)![1]!);
const lineOf = (html: string, n: number) => textOf(new RegExp(`<tr[^>]*data-line="${n}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)![1]!);

async function setUp() {
  const t = await makeApp({ SEATS: 'designer:5,explorer:10,reader:50' });
  const { owner, admin } = await spaceWithOwner(t);
  return { t, owner, admin };
}

describe('Import users, the upload page', () => {
  it('is linked from the Users tab and asks for a file, with the two options', async () => {
    const { t, owner } = await setUp();
    expect(await (await get(t, '/users', { cookie: owner.cookie })).text()).toContain('href="/users/import"');
    const html = await (await get(t, '/users/import', { cookie: owner.cookie })).text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('name="update_existing"');
    expect(html).toContain('name="create_missing_groups"');
  });

  it('refuses a file that is not CSV, next to the field, naming the problem', async () => {
    const { t, owner } = await setUp();
    const res = await upload(t, owner.cookie, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00]));
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('This is not a CSV file: it is not UTF-8 text.');
  });

  it('refuses a file over 5 MB before reading it', async () => {
    const { t, owner } = await setUp();
    const res = await upload(t, owner.cookie, 'email,profile\r\n' + 'x'.repeat(5 * 1024 * 1024 + 300 * 1024));
    expect(res.status).toBe(413);
  });
});

describe('Import users, the preview of a spreadsheet file', () => {
  it('says line by line what would happen, with the legacy admin explained, and offers no Import while a line is wrong', async () => {
    const { t, owner } = await setUp();
    const before = await snapshot(t.db);
    const res = await upload(t, owner.cookie, SPREADSHEET, { create_missing_groups: '1' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(lineOf(html, 2)).toContain('Invite as designer, in analysts.');
    expect(lineOf(html, 3)).toContain('becomes a designer in space_administrators');
    expect(lineOf(html, 4)).toContain('"not-an-address" is not an email address.');
    expect(lineOf(html, 5)).toContain('more than the first line has columns');
    expect(textOf(html)).toContain('Nothing can be imported until every line is correct');
    expect(html).not.toContain('>Import (');
    expect(await snapshot(t.db), 'a preview writes nothing').toEqual(before);
  });

  it('imports a corrected file in one go: invitations with their groups, the legacy admin in space_administrators, the groups created', async () => {
    const { t, owner } = await setUp();
    const fixed = SPREADSHEET.split('\r\n').filter((l) => !l.startsWith('not-an-address') && !l.startsWith('bob@')).join('\r\n');
    const preview = await (await upload(t, owner.cookie, fixed, { create_missing_groups: '1' })).text();
    expect(preview).toContain('>Import (2 changes)');
    const res = await post(t, '/users/import/apply', { carried: hidden(preview, 'carried'), seal: hidden(preview, 'seal'), create_missing_groups: '1' }, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const done = textOf(await res.text());
    expect(done).toContain('2 invitations sent, 0 members updated, groups created: analysts.');
    const invitations = await t.db.selectFrom('invitations').select(['id', 'email', 'display_name', 'profile']).orderBy('id').execute();
    expect(invitations).toMatchObject([
      { email: 'ada@example.com', display_name: 'Lovelace, Ada', profile: 'designer' },
      { email: 'grace@example.com', display_name: 'Grace Hopper', profile: 'designer' },
    ]);
    const graceGroups = await t.db
      .selectFrom('invitation_groups')
      .innerJoin('groups', 'groups.id', 'invitation_groups.group_id')
      .select('groups.name')
      .where('invitation_id', '=', invitations[1]!.id)
      .execute();
    expect(graceGroups.map((g) => g.name)).toEqual(['space_administrators']);
    expect(await t.db.selectFrom('outbox').select('to_address').execute()).toHaveLength(2);
    expect((await listAuditEvents(t.db, { action: 'invitation.created', limit: 5 })).map((e) => e.targetLabel).sort()).toEqual(['ada@example.com', 'grace@example.com']);
  });

  it('writes nothing when the seats do not suffice for the whole file, and says so in the invite form\'s words', async () => {
    const t = await makeApp({ SEATS: 'designer:1,explorer:10,reader:50' });
    const { owner } = await spaceWithOwner(t);
    const csv = 'email,profile\r\nann@example.com,designer\r\nben@example.com,designer\r\n';
    const html = await (await upload(t, owner.cookie, csv)).text();
    expect(textOf(html)).toContain('designer seats needed, 0 free');
    // Even a forged "Import" of the carried file is refused under the lock.
    const before = await snapshot(t.db);
    const res = await post(t, '/users/import/apply', { carried: hidden(html, 'carried'), seal: hidden(html, 'seal') }, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('Nothing was imported.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('refuses a carried file that was changed, or sealed for someone else', async () => {
    const { t, owner } = await setUp();
    const other = await addUser(t, { email: 'adam@example.com', groups: [{ name: 'space_administrators' }] });
    const html = await (await upload(t, owner.cookie, 'email,profile\r\nann@example.com,reader\r\n')).text();
    const carried = hidden(html, 'carried');
    const seal = hidden(html, 'seal');
    const tampered = await post(t, '/users/import/apply', { carried: carried.slice(0, -2) + 'AA', seal }, { cookie: owner.cookie });
    expect(tampered.status).toBe(422);
    const stolen = await post(t, '/users/import/apply', { carried, seal }, { cookie: other.cookie });
    expect(stolen.status).toBe(422);
    expect(textOf(await stolen.text())).toContain('Upload the file again.');
    expect(await t.db.selectFrom('invitations').select('id').execute()).toEqual([]);
  });

  it('updates existing members only when asked, and never removes the owner from space_administrators', async () => {
    const { t, owner } = await setUp();
    await addUser(t, { email: 'ada@example.com', profile: 'reader' });
    const csv = 'email,profile,groups\r\nada@example.com,explorer,\r\n';
    const off = await (await upload(t, owner.cookie, csv)).text();
    expect(lineOf(off, 2)).toContain('tick "Update existing members"');
    const on = await (await upload(t, owner.cookie, csv, { update_existing: '1' })).text();
    expect(lineOf(on, 2)).toContain('profile reader → explorer');
    await post(t, '/users/import/apply', { carried: hidden(on, 'carried'), seal: hidden(on, 'seal'), update_existing: '1' }, { cookie: owner.cookie });
    expect((await t.db.selectFrom('users').select('profile').where('email', '=', 'ada@example.com').executeTakeFirstOrThrow()).profile).toBe('explorer');
    const ownerLine = await (await upload(t, owner.cookie, 'email,profile,groups\r\nowner@example.com,designer,\r\n', { update_existing: '1' })).text();
    expect(lineOf(ownerLine, 2)).toContain('The space owner cannot be deleted or removed from space_administrators');
  });
});

describe('export → import round trip', () => {
  it('changes nothing on the space it came from', async () => {
    const { t, owner, admin } = await setUp();
    await addUser(t, { email: 'ada@example.com', name: 'Lovelace, Ada', profile: 'designer', groups: [{ name: 'analysts' }, { name: 'ops' }] });
    await addUser(t, { email: 'bob@example.com', name: '=cmd|calc', profile: 'explorer' });
    const { inviteOne } = await import('../support/invitations.js');
    await inviteOne(t, admin, 'carol@example.com', { profile: 'reader' });
    const csv = await (await get(t, '/users/export.csv', { cookie: owner.cookie })).text();
    const strip = (s: Record<string, unknown[]>) => ({ ...s, audit_events: [] });
    const before = strip(await snapshot(t.db));
    const preview = await (await upload(t, owner.cookie, csv, { update_existing: '1', create_missing_groups: '1' })).text();
    expect(preview).toContain('>Import (0 changes)');
    await post(t, '/users/import/apply', { carried: hidden(preview, 'carried'), seal: hidden(preview, 'seal'), update_existing: '1', create_missing_groups: '1' }, { cookie: owner.cookie });
    expect(strip(await snapshot(t.db))).toEqual(before);
  });
});
