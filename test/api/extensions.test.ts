// Extensions over the API: the panel's use cases, with the key named as the actor in the audit log.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { addUser, makeApp, withSpace } from '../support/app.js';
import { api, makeKey } from './support.js';

describe('/api/v1/extensions', () => {
  it('lists the extensions, all inactive at first', async () => {
    const t = await makeApp();
    await withSpace(t);
    const { key } = await makeKey(t, ['extensions:write']);
    const res = await api(t, 'GET', '/api/v1/extensions', { key });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { extensions: Array<{ key: string; active: boolean }> };
    expect(body.extensions.map((e) => [e.key, e.active])).toEqual([
      ['code_studios', false],
      ['api_deployer', false],
      ['automation_node', false],
    ]);
  });

  it('activates (adding the designers), is audited with the key as the actor, then answers 409', async () => {
    const t = await makeApp();
    await withSpace(t);
    await addUser(t, { email: 'dana@example.com', profile: 'designer' });
    const { key, id } = await makeKey(t, ['extensions:write'], { name: 'Provisioning' });
    const res = await api(t, 'POST', '/api/v1/extensions/api_deployer/activate', { key });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ key: 'api_deployer', active: true, group: 'deployer', designersAdded: 2 });
    const [event] = await listAuditEvents(t.db, { limit: 1 });
    expect(event).toMatchObject({ action: 'extension.activated', actorLabel: `API key “Provisioning” (${id})`, targetId: 'api_deployer' });
    const again = await api(t, 'POST', '/api/v1/extensions/api_deployer/activate', { key });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'already_active' });
  });

  it('deactivates an active one and refuses an inactive one', async () => {
    const t = await makeApp();
    await withSpace(t);
    const { key } = await makeKey(t, ['extensions:write']);
    expect((await api(t, 'POST', '/api/v1/extensions/code_studios/deactivate', { key })).status).toBe(409);
    await api(t, 'POST', '/api/v1/extensions/code_studios/activate', { key });
    const res = await api(t, 'POST', '/api/v1/extensions/code_studios/deactivate', { key });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ active: false, group: 'code-studios-designers' });
  });

  it('an unknown extension is a 404 problem', async () => {
    const t = await makeApp();
    const { key } = await makeKey(t, ['extensions:write']);
    const res = await api(t, 'POST', '/api/v1/extensions/warp_drive/activate', { key });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found' });
  });
});

describe('/api/v1/space/seats', () => {
  it('gives total, used, reserved and free per profile', async () => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:10,reader:unlimited' });
    await withSpace(t); // the owner is a designer
    await addUser(t, { email: 'r@example.com', profile: 'reader' });
    const { key } = await makeKey(t, ['users:read']);
    const res = await api(t, 'GET', '/api/v1/space/seats', { key });
    expect(await res.json()).toEqual({
      profiles: [
        { profile: 'designer', total: 5, used: 1, reserved: 0, free: 4 },
        { profile: 'explorer', total: 10, used: 0, reserved: 0, free: 10 },
        { profile: 'reader', total: null, used: 1, reserved: 0, free: null },
      ],
    });
  });
});

describe('/api/v1/ownership/transfer', () => {
  it('is refused for every key, saying the panel does it, and changes nothing', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const admin = await addUser(t, { email: 'a@example.com', profile: 'designer' });
    const { key } = await makeKey(t, ['users:write', 'users:read']);
    const res = await api(t, 'POST', '/api/v1/ownership/transfer', { key, json: { userId: admin.id } });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe('transfer_panel_only');
    expect(body.detail).toMatch(/panel/);
    const space = await t.db.selectFrom('space').select('owner_id').executeTakeFirstOrThrow();
    expect(space.owner_id).toBe(owner.id);
  });
});
