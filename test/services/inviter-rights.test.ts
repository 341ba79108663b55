// Who stands behind an invitation until it is accepted: a member while they are a space admin, an API key
// while it is live and may write invitations, the operator on the command line always.
import { describe, expect, it } from 'vitest';
import { addMember, insertGroup, setGroupPermissions } from '../../src/db/queries/groups.js';
import { insertInvitation, invitersOf } from '../../src/db/queries/invitations.js';
import { insertSpace } from '../../src/db/queries/space.js';
import { deleteUser, insertUser, setDeactivatedAt } from '../../src/db/queries/users.js';
import { invitationsWithLapsedInviter, inviterStillEntitled } from '../../src/services/inviter-rights.js';
import { COMMAND_LINE } from '../../src/services/actor.js';
import { revokeApiKey } from '../../src/services/api-keys.js';
import { applyUsersImport } from '../../src/services/import-users.js';
import { parseUsersCsv } from '../../src/services/import/parse-users-csv.js';
import { api, makeKey } from '../api/support.js';
import { get, makeApp, post, type TestApp } from '../support/app.js';
import { openTestDb } from '../support/db.js';
import { emailedLink, pathOf, spaceWithOwner } from '../support/invitations.js';

const ACCEPT = { displayName: 'New Member', password: 'a long enough password' };

async function inviteWithKey(t: TestApp, email: string) {
  const { key, id } = await makeKey(t, ['invitations:write'], { name: 'HR sync' });
  const res = await api(t, 'POST', '/api/v1/invitations', { key, json: { addresses: [email], profile: 'reader' } });
  expect(res.status).toBe(200);
  return { keyId: id, path: pathOf(await emailedLink(t, email)) };
}

const invitation = (t: TestApp, email: string) =>
  t.db.selectFrom('invitations').select(['status', 'invited_by', 'invited_by_label', 'inviter_kind', 'inviter_key_id']).where('email', '=', email).executeTakeFirstOrThrow();

describe('an invitation made with an API key', () => {
  it('names the key as its inviter, and can be accepted while the key is live', async () => {
    const t = await makeApp();
    await spaceWithOwner(t);
    const { keyId, path } = await inviteWithKey(t, 'new@example.com');
    expect(await invitation(t, 'new@example.com')).toMatchObject({ inviter_kind: 'api_key', inviter_key_id: keyId, invited_by: null });

    expect((await get(t, path)).status).toBe(200);
    expect((await post(t, path, ACCEPT)).status).toBe(303);
    expect((await invitation(t, 'new@example.com')).status).toBe('accepted');
  });

  it('is refused once the key is revoked: nobody stands behind it any more', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const { keyId, path } = await inviteWithKey(t, 'new@example.com');
    expect((await revokeApiKey(t.deps, { kind: 'user', user: admin }, keyId)).ok).toBe(true);

    expect((await get(t, path)).status).toBe(403);
    expect((await post(t, path, ACCEPT)).status).toBe(403);
    expect((await invitation(t, 'new@example.com')).status).toBe('pending');
  });
});

describe('an invitation made on the command line (import-users)', () => {
  it('stands for the operator, who runs the server, and can be accepted', async () => {
    const t = await makeApp();
    await spaceWithOwner(t);
    const parsed = parseUsersCsv('email,profile\nops@example.com,reader\n');
    if (!parsed.ok) throw new Error('the file did not parse');
    const applied = await applyUsersImport(t.deps, COMMAND_LINE, parsed.rows, { updateExisting: false, createMissingGroups: false });
    expect(applied.ok).toBe(true);
    expect(await invitation(t, 'ops@example.com')).toMatchObject({ inviter_kind: 'operator', invited_by: null, invited_by_label: 'command line' });

    const path = pathOf(await emailedLink(t, 'ops@example.com'));
    expect((await get(t, path)).status).toBe(200);
    expect((await post(t, path, ACCEPT)).status).toBe(303);
    expect((await invitation(t, 'ops@example.com')).status).toBe('accepted');
  });
});

describe("the Users list's inviter check, for a page of invitations at once", () => {
  it('judges each invitation as inviterStillEntitled judges it alone: admins, a demoted member, a deactivated one, a deleted one, the operator', async () => {
    const db = await openTestDb();
    const NOW = Date.UTC(2026, 11, 4);
    const user = (email: string) => insertUser(db, { email, displayName: email, passwordHash: 'x', profile: 'reader', createdAt: NOW });
    const [owner, admin, demoted, deactivated, deleted, plain] = [
      await user('owner@example.com'),
      await user('admin@example.com'),
      await user('demoted@example.com'),
      await user('deactivated@example.com'),
      await user('deleted@example.com'),
      await user('plain@example.com'),
    ];
    await insertSpace(db, { name: 'Space', ownerId: owner, createdAt: NOW });
    const admins = await insertGroup(db, { name: 'Admins', description: '', origin: 'space', createdAt: NOW });
    const envs = await insertGroup(db, { name: 'Envs', description: '', origin: 'admin', createdAt: NOW });
    await setGroupPermissions(db, admins, ['space_admin']);
    await setGroupPermissions(db, envs, ['manage_code_envs']);
    for (const id of [owner, admin, deactivated, deleted]) await addMember(db, admins, id, NOW);
    for (const id of [admin, demoted, plain]) await addMember(db, envs, id, NOW);
    await setDeactivatedAt(db, deactivated, NOW);
    let n = 0;
    const invite = (invitedBy: number | null, inviterKind: 'user' | 'operator' = 'user') =>
      insertInvitation(db, {
        publicId: `p${++n}`,
        secretHash: new Uint8Array([n]),
        email: `i${n}@example.com`,
        emailKey: `i${n}@example.com`,
        profile: 'reader',
        invitedBy,
        invitedByLabel: 'someone',
        inviterKind,
        createdAt: NOW,
        expiresAt: NOW + 86_400_000,
      });
    const ids = [
      await invite(owner),
      await invite(admin),
      await invite(admin),
      await invite(demoted),
      await invite(deactivated),
      await invite(deleted),
      await invite(plain),
      await invite(null, 'operator'),
      await invite(null),
    ];
    await deleteUser(db, deleted);

    const lapsed = await invitationsWithLapsedInviter(db, ids, NOW);
    const inviters = await invitersOf(db, ids);
    for (const id of ids) expect(lapsed.has(id), `invitation ${id}`).toBe(!(await inviterStillEntitled(db, inviters.get(id)!, NOW)));
    expect([...lapsed].sort((a, b) => a - b)).toEqual([ids[3], ids[4], ids[5], ids[6], ids[8]]);
  });
});
