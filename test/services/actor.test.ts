// The API-key actor: it answers can() by the scope it acts under, is never the owner, and the audit log
// and the invitations it writes name the key.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findInvitation } from '../../src/db/queries/invitations.js';
import type { ApiScope } from '../../src/domain/api-scopes.js';
import { can } from '../../src/domain/permissions.js';
import { actorName, actorUserId, keyActor } from '../../src/services/actor.js';
import { byActor } from '../../src/services/audit.js';
import { deleteUser } from '../../src/services/delete-user.js';
import { inviteUsers } from '../../src/services/invite-users.js';
import { transferOwnership } from '../../src/services/transfer-ownership.js';
import { addUser, makeApp, withSpace } from '../support/app.js';

const key = (scopes: ApiScope[]) => ({ id: 'k3jd8s2mq4xa', name: 'HR sync', scopes: new Set(scopes) });

describe('keyActor and can()', () => {
  it.each([
    { scopes: ['users:write'], under: 'users:write', permission: 'space_admin', expected: true },
    { scopes: ['users:write'], under: 'users:write', permission: 'manage_code_envs', expected: false },
    { scopes: ['code-envs:write'], under: 'code-envs:write', permission: 'manage_code_envs', expected: true },
    { scopes: ['code-envs:write'], under: 'code-envs:write', permission: 'space_admin', expected: false },
    { scopes: ['groups:read'], under: 'users:write', permission: 'space_admin', expected: false },
    { scopes: ['users:write', 'code-envs:write'], under: null, permission: 'space_admin', expected: false },
  ] as const)('a key with $scopes acting under $under: can($permission) is $expected', ({ scopes, under, permission, expected }) => {
    expect(can(keyActor(key([...scopes]), under), permission)).toBe(expected);
  });

  it('is never the owner and is nobody’s account', () => {
    const actor = keyActor(key(['users:write']), 'users:write');
    expect(actor.isOwner).toBe(false);
    expect(actorUserId(actor)).toBeNull();
  });

  it('is named by its name and public id in the audit log and as an inviter', () => {
    const actor = keyActor(key(['invitations:write']), 'invitations:write');
    expect(byActor(actor)).toEqual({ id: null, label: 'API key “HR sync” (k3jd8s2mq4xa)' });
    expect(actorName(actor)).toBe('API key “HR sync” (k3jd8s2mq4xa)');
  });
});

describe('use cases acting for a key', () => {
  it('an invitation a key creates names the key as the inviter, in the row and the audit event', async () => {
    const t = await makeApp();
    await withSpace(t);
    const actor = keyActor(key(['invitations:write']), 'invitations:write');
    const r = await inviteUsers(t.deps, actor, { emails: 'ada@example.com', profile: 'reader', groupIds: [] });
    expect(r.ok).toBe(true);
    const id = r.ok && r.outcomes[0]!.result === 'invited' ? r.outcomes[0]!.invitationId : -1;
    expect(await findInvitation(t.db, id)).toMatchObject({ invitedBy: null, invitedByLabel: 'API key “HR sync” (k3jd8s2mq4xa)' });
    const [event] = await listAuditEvents(t.db, { action: 'invitation.created', limit: 1 });
    expect(event).toMatchObject({ actorId: null, actorLabel: 'API key “HR sync” (k3jd8s2mq4xa)' });
  });

  it('cannot transfer the ownership, whatever its scopes', async () => {
    const t = await makeApp();
    await withSpace(t);
    const other = await addUser(t, { email: 'b@example.com', profile: 'designer' });
    const actor = keyActor(key(['users:write']), 'users:write');
    expect(await transferOwnership(t.deps, actor, other.id, 'anything')).toEqual({ ok: false, code: 'not_owner' });
  });

  it('still cannot delete the owner', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const actor = keyActor(key(['users:write']), 'users:write');
    expect(await deleteUser(t.deps, actor, owner.id)).toEqual({ ok: false, code: 'owner_stays_admin' });
  });

  it('is refused by a use case outside what its scope grants', async () => {
    const t = await makeApp();
    await withSpace(t);
    const other = await addUser(t, { email: 'b@example.com', profile: 'designer' });
    const actor = keyActor(key(['code-envs:write']), 'code-envs:write');
    expect(await deleteUser(t.deps, actor, other.id)).toEqual({ ok: false, code: 'forbidden' });
  });
});
