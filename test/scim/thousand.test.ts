// A run as an IdP's first sync does it: 1,000 users and 50 groups created one request at a time, members
// added by PATCH, some users deactivated, some groups trimmed. Afterwards the Users tab (its read model,
// page by page, with the status filter) and the SCIM view agree on every member, profile, state and group.
import { describe, expect, it } from 'vitest';
import { usersPage } from '../../src/services/users-page.js';
import { actor } from '../support/invitations.js';
import { EXT, GROUP, PATCH, scimSpace, USER } from './support.js';

const PROFILES = ['designer', 'explorer', 'reader'] as const;

describe('1,000 users and 50 groups through SCIM', () => {
  it('leaves the Users tab and the SCIM view in agreement', async () => {
    const { t, owner, call } = await scimSpace({ SEATS: 'designer:400,explorer:400,reader:unlimited', API_RATE_LIMIT: '100000' });
    const userIds: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      const r = await call('POST', '/Users', {
        schemas: [USER, EXT],
        userName: `user${i}@idp.example.com`,
        displayName: `User ${i}`,
        externalId: `ext-${i}`,
        [EXT]: { profile: PROFILES[i % 3] },
      });
      expect(r.status, `user ${i}`).toBe(201);
      userIds.push(r.body.id);
    }
    const groupIds: string[] = [];
    for (let g = 0; g < 50; g++) {
      const members = userIds.filter((_, i) => i % 50 === g).map((value) => ({ value }));
      const r = await call('POST', '/Groups', { schemas: [GROUP], displayName: `IdP Group ${g}`, externalId: `g-${g}`, members: members.slice(0, 10) });
      expect(r.status, `group ${g}`).toBe(201);
      groupIds.push(r.body.id);
      const add = await call('PATCH', `/Groups/${r.body.id}`, { schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: members.slice(10) }] });
      expect(add.status).toBe(204);
    }
    for (let i = 0; i < 1_000; i += 10) {
      const r = await call('PATCH', `/Users/${userIds[i]}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
      expect(r.body.active).toBe(false);
    }
    for (let g = 0; g < 50; g += 5) {
      const r = await call('PATCH', `/Groups/${groupIds[g]}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: `members[value eq "${userIds[g]}"]` }] });
      expect(r.status).toBe(204);
    }

    // The SCIM view: every user, a page of 200 at a time, and every group with its members.
    type View = Map<string, { name: string; profile: string; active: boolean; groups: string[] }>;
    const scim: View = new Map();
    for (let start = 1; ; start += 200) {
      const page = await call('GET', `/Users?startIndex=${start}&count=200`);
      for (const u of page.body.Resources) scim.set(u.userName, { name: u.displayName, profile: u[EXT].profile, active: u.active, groups: [] });
      if (start + 200 > page.body.totalResults) break;
    }
    const groups = await call('GET', '/Groups?count=200');
    expect(groups.body.totalResults).toBe(51); // space_administrators too
    const emailOfId = new Map<string, string>();
    for (let start = 1; start <= 1_001; start += 200) {
      for (const u of (await call('GET', `/Users?startIndex=${start}&count=200&attributes=userName`)).body.Resources) emailOfId.set(u.id, u.userName);
    }
    for (const g of groups.body.Resources) for (const m of g.members ?? []) scim.get(emailOfId.get(m.value)!)!.groups.push(g.displayName);
    expect(scim.size).toBe(1_001);

    // The Users tab: every page of its read model, all statuses, then the two status filters.
    const tab: View = new Map();
    const admin = await actor(t, owner.id);
    for (let page = 1; ; page++) {
      const model = await usersPage(t.deps, admin, { sort: 'email', dir: 'asc', page });
      if (!model.ok) throw new Error(model.code);
      for (const { row, groups: gs } of model.rows) {
        tab.set(row.email, { name: row.displayName!, profile: row.profile, active: row.deactivatedAt === null, groups: gs.map((g) => g.name) });
      }
      if (page * 50 >= model.total) break;
    }
    const sorted = (v: View) => [...v].map(([e, u]) => [e, { ...u, groups: [...u.groups].sort() }]).sort();
    expect(sorted(tab)).toEqual(sorted(scim));

    const count = async (status: 'active' | 'deactivated') => {
      const model = await usersPage(t.deps, admin, { sort: 'name', dir: 'asc', page: 1, status });
      return model.ok ? model.total : -1;
    };
    expect(await count('deactivated')).toBe(100);
    expect(await count('active')).toBe(901);
    expect((await call('GET', `/Users?filter=${encodeURIComponent('active eq false')}&count=0`)).body.totalResults).toBe(100);
    expect((await call('GET', `/Groups/${groupIds[5]}`)).body.members).toHaveLength(19);
  }, 600_000);
});
