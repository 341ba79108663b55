// Who stands behind an invitation until it is accepted: a member while they are a space admin, an API key
// while it is live and may write invitations, the operator on the command line always.
import { describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/services/actor.js';
import { revokeApiKey } from '../../src/services/api-keys.js';
import { applyUsersImport } from '../../src/services/import-users.js';
import { parseUsersCsv } from '../../src/services/import/parse-users-csv.js';
import { api, makeKey } from '../api/support.js';
import { get, makeApp, post, type TestApp } from '../support/app.js';
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
