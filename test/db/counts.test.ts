// The counts migration 0005 keeps in tables (members and pending invitations per profile, members per
// group) and its trigram indexes stay true to the rows, whatever writes them: the app's query functions,
// its services, a random run of both, a rolled-back transaction, and migrating down past 0005 and up again.
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import type { Db, Executor } from '../../src/db/connect.js';
import { openEmptyTestDb, openTestDb, testEngine } from '../support/db.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import {
  addDesignersToGroup,
  addMember,
  deleteGroupRow,
  removeMember,
  removeUserFromAllGroups,
  setUserGroups,
  insertGroup,
} from '../../src/db/queries/groups.js';
import { closeInvitation, insertInvitation, markInvitationSent, setInvitationGroups } from '../../src/db/queries/invitations.js';
import { enqueueMessage } from '../../src/db/queries/outbox.js';
import { findListRow, listUsersAndInvitations } from '../../src/db/queries/user-list.js';
import { deleteUser, emailKey, insertUser, updateUser } from '../../src/db/queries/users.js';
import type { Profile } from '../../src/domain/profiles.js';
import { acceptInvitation } from '../../src/services/accept-invitation.js';
import { deleteUser as deleteUserService } from '../../src/services/delete-user.js';
import { editUser } from '../../src/services/edit-user.js';
import { activateExtension } from '../../src/services/extensions.js';
import { addGroupMember, deleteGroup, removeGroupMember } from '../../src/services/groups.js';
import { revokeInvitation } from '../../src/services/invitation-actions.js';
import { inviteUsers } from '../../src/services/invite-users.js';
import { makeApp } from '../support/app.js';
import { emailedLink, groupIdsOf, inviteOne, makeGroup, spaceWithOwner, tokenOf } from '../support/invitations.js';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const DAY = 86_400_000;
const PROFILES: Profile[] = ['designer', 'explorer', 'reader'];

function fresh(): Promise<Db> {
  return openTestDb();
}

/** What the counts should be, counted from the rows themselves. */
async function counted(db: Executor) {
  const members = await db.selectFrom('users').select(['profile', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('profile').execute();
  const pending = await db
    .selectFrom('invitations')
    .select(['profile', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'pending')
    .groupBy('profile')
    .execute();
  return PROFILES.map((profile) => ({
    profile,
    members: Number(members.find((r) => r.profile === profile)?.n ?? 0),
    pending: Number(pending.find((r) => r.profile === profile)?.n ?? 0),
  }));
}

/**
 * Every kept count equals the real one, and both trigram indexes match their tables exactly (FTS5's
 * integrity-check with rank 1 compares an external-content index with its content table).
 */
async function expectCountsTrue(db: Executor, step = '') {
  const kept = await db.selectFrom('profile_counts').select(['profile', 'members', 'pending']).orderBy('profile').execute();
  expect(kept, `profile_counts ${step}`).toEqual(await counted(db));
  const groups = await db
    .selectFrom('groups')
    .select((eb) => [
      'groups.id',
      'groups.name',
      'groups.member_count',
      eb.selectFrom('group_members').select((e) => e.fn.countAll<number>().as('n')).whereRef('group_members.group_id', '=', 'groups.id').as('real'),
    ])
    .execute();
  expect(
    groups.filter((g) => g.member_count !== Number(g.real)),
    `groups.member_count ${step}`,
  ).toEqual([]);
  // PostgreSQL's GIN indexes are kept by the engine itself; FTS5's external-content tables by triggers.
  if (testEngine === 'sqlite') {
    await sql`insert into users_search (users_search, rank) values ('integrity-check', 1)`.execute(db);
    await sql`insert into invitations_search (invitations_search, rank) values ('integrity-check', 1)`.execute(db);
  }
}

/** A search of the Users tab (a small list reads it through the trigram index, and counts it there). */
async function search(db: Executor, term: string) {
  const r = await listUsersAndInvitations(db, { search: term, sort: 'name', dir: 'asc', page: 1, pageSize: 50, now: NOW });
  return { total: r.total, ids: r.rows.map((row) => `${row.kind}:${row.id}`) };
}

const user = (db: Executor, email: string, profile: Profile, displayName = email.split('@')[0]!) =>
  insertUser(db, { email, displayName, passwordHash: 'x', profile, createdAt: NOW });

let invitationSerial = 0;
const invitation = (db: Executor, email: string, profile: Profile, expiresAt = NOW + 7 * DAY) => {
  invitationSerial++;
  return insertInvitation(db, {
    publicId: `pub-${invitationSerial}`,
    secretHash: new Uint8Array([invitationSerial & 255]),
    email,
    emailKey: emailKey(email),
    profile,
    invitedBy: null,
    invitedByLabel: 'Olivia Owner',
    createdAt: NOW,
    expiresAt,
  });
};

const group = (db: Executor, name: string) => insertGroup(db, { name, description: '', origin: 'admin', createdAt: NOW });

async function memberCount(db: Executor, groupId: number) {
  return (await db.selectFrom('groups').select('member_count').where('id', '=', groupId).executeTakeFirstOrThrow()).member_count;
}

async function profileCounts(db: Executor) {
  const rows = await db.selectFrom('profile_counts').select(['profile', 'members', 'pending']).execute();
  return Object.fromEntries(rows.map((r) => [r.profile, { members: r.members, pending: r.pending }]));
}

describe('profile_counts', () => {
  it('starts at zero for every profile', async () => {
    const db = await fresh();
    expect(await profileCounts(db)).toEqual({
      designer: { members: 0, pending: 0 },
      explorer: { members: 0, pending: 0 },
      reader: { members: 0, pending: 0 },
    });
    await expectCountsTrue(db);
  });

  it('counts members as they are added, change profile, are renamed, sign in and are deleted', async () => {
    const db = await fresh();
    const a = await user(db, 'a@example.com', 'reader');
    const b = await user(db, 'b@example.com', 'reader');
    const c = await user(db, 'c@example.com', 'designer');
    await expectCountsTrue(db, 'after inserts');
    expect(await profileCounts(db)).toMatchObject({ designer: { members: 1 }, explorer: { members: 0 }, reader: { members: 2 } });

    await updateUser(db, a, { profile: 'explorer' });
    await expectCountsTrue(db, 'after a profile change');
    await updateUser(db, b, { profile: 'reader' }); // the same profile: nothing moves
    await expectCountsTrue(db, 'after setting the same profile');
    await updateUser(db, c, { displayName: 'Cecilia', lastLoginAt: NOW, passwordHash: 'y' });
    await expectCountsTrue(db, 'after a rename and a sign-in');
    await updateUser(db, a, { profile: 'designer', displayName: 'Aaron' });
    await expectCountsTrue(db, 'after a profile change with a rename');
    expect(await profileCounts(db)).toMatchObject({ designer: { members: 2 }, explorer: { members: 0 }, reader: { members: 1 } });

    await deleteUser(db, a);
    await deleteUser(db, 999); // no such user
    await expectCountsTrue(db, 'after a deletion');
    expect(await profileCounts(db)).toMatchObject({ designer: { members: 1 }, reader: { members: 1 } });
  });

  it('counts pending invitations (expired ones included) until they are accepted or revoked', async () => {
    const db = await fresh();
    const accepter = await user(db, 'someone@example.com', 'reader');
    const i1 = await invitation(db, 'one@example.com', 'explorer');
    const i2 = await invitation(db, 'two@example.com', 'explorer', NOW - DAY); // expired, still pending
    const i3 = await invitation(db, 'three@example.com', 'designer');
    await expectCountsTrue(db, 'after inviting');
    expect(await profileCounts(db)).toMatchObject({ explorer: { pending: 2 }, designer: { pending: 1 } });

    const outboxId = await enqueueMessage(db, { kind: 'invitation', refId: i1, to: 'one@example.com', subject: 's', html: 'h', text: 't' }, NOW);
    await markInvitationSent(db, i1, outboxId, NOW, NOW + 14 * DAY); // a resend: not a status change
    await expectCountsTrue(db, 'after a resend');

    expect(await closeInvitation(db, i1, { status: 'accepted', at: NOW, userId: accepter })).toBe(true);
    await expectCountsTrue(db, 'after an acceptance');
    expect(await closeInvitation(db, i2, { status: 'revoked', at: NOW })).toBe(true);
    await expectCountsTrue(db, 'after a revocation');
    expect(await closeInvitation(db, i2, { status: 'accepted', at: NOW, userId: accepter })).toBe(false); // no longer pending
    expect(await closeInvitation(db, i1, { status: 'revoked', at: NOW })).toBe(false);
    await expectCountsTrue(db, 'after closing closed invitations');
    expect(await profileCounts(db)).toMatchObject({ explorer: { pending: 0 }, designer: { pending: 1 } });

    // The address can be invited again once the first invitation is closed.
    await invitation(db, 'two@example.com', 'reader');
    await expectCountsTrue(db, 'after inviting a revoked address again');
    expect(await profileCounts(db)).toMatchObject({ reader: { pending: 1 }, designer: { pending: 1 } });
    expect(i3).toBeGreaterThan(0);
  });

  it('follows every branch of the triggers, including writes the app does not make today', async () => {
    const db = await fresh();
    const i1 = await invitation(db, 'one@example.com', 'explorer');
    const i2 = await invitation(db, 'two@example.com', 'explorer');
    const i3 = await invitation(db, 'three@example.com', 'reader');
    // A pending invitation changing profile; a closed one changing profile; reopened; written closed.
    await db.updateTable('invitations').set({ profile: 'designer' }).where('id', '=', i1).execute();
    await expectCountsTrue(db, 'pending invitation changes profile');
    await db.updateTable('invitations').set({ status: 'revoked', profile: 'reader' }).where('id', '=', i2).execute();
    await expectCountsTrue(db, 'closed and moved at once');
    await db.updateTable('invitations').set({ profile: 'designer' }).where('id', '=', i2).execute();
    await expectCountsTrue(db, 'closed invitation changes profile');
    await db.updateTable('invitations').set({ status: 'pending', profile: 'explorer' }).where('id', '=', i2).execute();
    await expectCountsTrue(db, 'reopened under another profile');
    await db.updateTable('invitations').set({ status: 'accepted' }).where('id', '=', i3).execute();
    await db
      .insertInto('invitations')
      .values({
        public_id: 'closed-from-the-start',
        secret_hash: new Uint8Array([1]),
        email: 'old@example.com',
        email_key: 'old@example.com',
        profile: 'reader',
        status: 'revoked',
        invited_by_label: 'x',
        created_at: NOW,
        expires_at: NOW,
      })
      .execute();
    await expectCountsTrue(db, 'written closed');
    // Deleting invitations, pending and closed.
    await db.deleteFrom('invitations').where('id', 'in', [i1, i3]).execute();
    await expectCountsTrue(db, 'invitations deleted');

    // Many rows in one statement.
    for (let i = 0; i < 10; i++) await user(db, `u${i}@example.com`, PROFILES[i % 3]!);
    await db.updateTable('users').set({ profile: 'reader' }).where('profile', '=', 'designer').execute();
    await expectCountsTrue(db, 'many members change profile at once');
    await db.updateTable('users').set((eb) => ({ profile: sql`case when ${eb.ref('id')} % 2 = 0 then 'designer' else 'explorer' end` })).execute();
    await expectCountsTrue(db, 'every member changes profile at once');
    await db.deleteFrom('users').where('profile', '=', 'explorer').execute();
    await expectCountsTrue(db, 'many members deleted at once');
    const row = (n: number, profile: Profile, status: 'pending' | 'accepted' | 'revoked') => ({
      public_id: `many-${n}`,
      secret_hash: new Uint8Array([n]),
      email: `many${n}@example.com`,
      email_key: `many${n}@example.com`,
      profile,
      status,
      invited_by_label: 'x',
      created_at: NOW,
      expires_at: NOW + DAY,
    });
    await db
      .insertInto('invitations')
      .values([row(1, 'reader', 'pending'), row(2, 'designer', 'pending'), row(3, 'reader', 'accepted'), row(4, 'explorer', 'pending')])
      .execute();
    await expectCountsTrue(db, 'many invitations inserted in one statement');
    await db.updateTable('invitations').set({ status: 'revoked' }).execute();
    await expectCountsTrue(db, 'every invitation revoked at once');
  });

  it('is rolled back with the transaction that wrote it', async () => {
    const db = await fresh();
    const a = await user(db, 'a@example.com', 'reader');
    const g = await group(db, 'Team');
    await addMember(db, g, a, NOW);
    const before = await profileCounts(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await user(trx, 'b@example.com', 'designer');
        await updateUser(trx, a, { profile: 'explorer' });
        await invitation(trx, 'c@example.com', 'explorer');
        await removeMember(trx, g, a);
        await expectCountsTrue(trx, 'inside the transaction');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await profileCounts(db)).toEqual(before);
    expect(await memberCount(db, g)).toBe(1);
    await expectCountsTrue(db, 'after the rollback');
  });
});

describe('groups.member_count', () => {
  it('follows adds, repeated adds, removals, setUserGroups, addDesignersToGroup and removeUserFromAllGroups', async () => {
    const db = await fresh();
    const [a, b, c, d] = [
      await user(db, 'a@example.com', 'designer'),
      await user(db, 'b@example.com', 'designer'),
      await user(db, 'c@example.com', 'reader'),
      await user(db, 'd@example.com', 'explorer'),
    ];
    const [g1, g2, g3] = [await group(db, 'One'), await group(db, 'Two'), await group(db, 'Three')];
    expect(await memberCount(db, g1)).toBe(0);

    expect(await addMember(db, g1, a, NOW)).toBe(true);
    expect(await addMember(db, g1, a, NOW)).toBe(false); // already a member: nothing inserted, nothing counted
    await addMember(db, g1, c, NOW);
    await expectCountsTrue(db, 'after adds');
    expect(await memberCount(db, g1)).toBe(2);

    expect(await removeMember(db, g1, c)).toBe(true);
    expect(await removeMember(db, g1, c)).toBe(false);
    await expectCountsTrue(db, 'after removals');

    await setUserGroups(db, d, [g1, g2, g3], NOW);
    await expectCountsTrue(db, 'after setUserGroups (joins)');
    await setUserGroups(db, d, [g2], NOW);
    await expectCountsTrue(db, 'after setUserGroups (leaves)');
    await setUserGroups(db, d, [], NOW);
    await expectCountsTrue(db, 'after setUserGroups (none)');

    expect(await addDesignersToGroup(db, g3, NOW)).toBe(2);
    expect(await addDesignersToGroup(db, g3, NOW)).toBe(0); // every designer is in already
    await expectCountsTrue(db, 'after addDesignersToGroup');
    expect(await memberCount(db, g3)).toBe(2);

    await setUserGroups(db, b, [g1, g2], NOW);
    await removeUserFromAllGroups(db, b);
    await expectCountsTrue(db, 'after removeUserFromAllGroups');
    expect([await memberCount(db, g1), await memberCount(db, g2), await memberCount(db, g3)]).toEqual([1, 0, 1]);
  });

  it('loses the members of a deleted user (the memberships cascade) and leaves other groups alone when a group is deleted', async () => {
    const db = await fresh();
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await user(db, `u${i}@example.com`, 'reader'));
    const [g1, g2, g3] = [await group(db, 'One'), await group(db, 'Two'), await group(db, 'Three')];
    for (const id of ids) await addMember(db, g1, id, NOW);
    for (const id of ids.slice(0, 3)) await addMember(db, g2, id, NOW);
    await addMember(db, g3, ids[0]!, NOW);
    const inv = await invitation(db, 'new@example.com', 'reader');
    await setInvitationGroups(db, inv, [g1, g2]);
    await expectCountsTrue(db, 'seeded');

    // Deleting the row directly: group_members rows go by ON DELETE CASCADE, and their trigger still counts.
    await deleteUser(db, ids[0]!);
    await expectCountsTrue(db, 'after deleting a member of three groups');
    expect([await memberCount(db, g1), await memberCount(db, g2), await memberCount(db, g3)]).toEqual([5, 2, 0]);

    await deleteGroupRow(db, g1);
    await expectCountsTrue(db, 'after deleting a group');
    expect(await memberCount(db, g2)).toBe(2);
    expect(await db.selectFrom('group_members').select('user_id').where('group_id', '=', g1).execute()).toEqual([]);
    expect(await db.selectFrom('invitation_groups').select('group_id').where('invitation_id', '=', inv).execute()).toEqual([{ group_id: g2 }]);
  });
});

describe('the trigram indexes', () => {
  it('find a renamed member by the new name and no longer by the old, and forget a deleted one', async () => {
    const db = await fresh();
    const ana = await user(db, 'ana@example.com', 'reader', 'Ana Quixotic');
    const other = await user(db, 'bo@example.com', 'reader', 'Bo Zephyrine');
    const inv = await invitation(db, 'zephyr.guest@example.com', 'reader');
    expect(await search(db, 'quixo')).toEqual({ total: 1, ids: [`user:${ana}`] });
    expect(await search(db, 'ZEPHYR')).toEqual({ total: 2, ids: [`user:${other}`, `invitation:${inv}`] });

    await updateUser(db, ana, { displayName: 'Ana Łukasiewicz-Ñúñez' });
    await expectCountsTrue(db, 'after a rename');
    expect(await search(db, 'quixo')).toEqual({ total: 0, ids: [] });
    expect(await search(db, 'ŁUKASIEWICZ')).toEqual({ total: 1, ids: [`user:${ana}`] });
    expect(await search(db, 'ñúñ')).toEqual({ total: 1, ids: [`user:${ana}`] });
    expect(await search(db, 'ana@exa')).toEqual({ total: 1, ids: [`user:${ana}`] }); // the address is still found

    await updateUser(db, ana, { profile: 'designer', lastLoginAt: NOW }); // not a rename: the index is untouched
    expect(await search(db, 'łukas')).toEqual({ total: 1, ids: [`user:${ana}`] });

    await closeInvitation(db, inv, { status: 'revoked', at: NOW });
    expect(await search(db, 'zephyr')).toEqual({ total: 1, ids: [`user:${other}`] });

    await deleteUser(db, ana);
    await expectCountsTrue(db, 'after a deletion');
    expect(await search(db, 'łukas')).toEqual({ total: 0, ids: [] });
    expect(await search(db, 'ana@exa')).toEqual({ total: 0, ids: [] });
    if (testEngine === 'sqlite') {
      const stale = await sql<{ rowid: number }>`select rowid from users_search where users_search match '"łukas"'`.execute(db);
      expect(stale.rows).toEqual([]);
    }
  });
});

describe('a random run of a few hundred writes', () => {
  it('keeps every count and both indexes true after each one', async () => {
    const db = await fresh();
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const int = (n: number) => Math.floor(rnd() * n);
    const pick = <T>(xs: readonly T[]): T | undefined => xs[int(xs.length)];

    const users = new Map<number, string>(); // id -> the unique word in its name
    const gone: string[] = []; // words of deleted or renamed members
    const groups: number[] = [];
    const pending: number[] = [];
    let serial = 0;
    const word = () => `w${(++serial).toString(36).padStart(3, '0')}q`;

    const ops: Array<[string, (db: Executor) => Promise<unknown>]> = [
      ['insert user', async (x) => {
        const w = word();
        users.set(await user(x, `member${serial}@example.com`, pick(PROFILES)!, `Member ${w}`), w); // the word is in the name only
      }],
      ['change profile', async (x) => {
        const id = pick([...users.keys()]);
        if (id !== undefined) await updateUser(x, id, { profile: pick(PROFILES)! });
      }],
      ['rename', async (x) => {
        const id = pick([...users.keys()]);
        if (id === undefined) return;
        gone.push(users.get(id)!);
        const w = word();
        users.set(id, w);
        await updateUser(x, id, { displayName: `Renamed ${w}` });
      }],
      ['delete user', async (x) => {
        const id = pick([...users.keys()]);
        if (id === undefined) return;
        gone.push(users.get(id)!);
        users.delete(id);
        await deleteUser(x, id);
      }],
      ['invite', async (x) => {
        const id = await invitation(x, `${word()}@invited.example.com`, pick(PROFILES)!, NOW + (int(20) - 10) * DAY);
        pending.push(id);
        if (groups.length && rnd() < 0.5) await setInvitationGroups(x, id, [pick(groups)!]);
      }],
      ['accept or revoke', async (x) => {
        const id = pick(pending);
        const by = pick([...users.keys()]);
        if (id === undefined) return;
        await closeInvitation(x, id, by !== undefined && rnd() < 0.5 ? { status: 'accepted', at: NOW, userId: by } : { status: 'revoked', at: NOW });
      }],
      ['resend', async (x) => {
        const id = pick(pending);
        if (id !== undefined) await markInvitationSent(x, id, 1, NOW, NOW + 7 * DAY);
      }],
      ['create group', async (x) => groups.push(await group(x, `Group ${word()}`))],
      ['delete group', async (x) => {
        const g = groups.splice(int(groups.length), 1)[0];
        if (g !== undefined) await deleteGroupRow(x, g);
      }],
      ['add member', async (x) => {
        const g = pick(groups);
        const id = pick([...users.keys()]);
        if (g !== undefined && id !== undefined) await addMember(x, g, id, NOW);
      }],
      ['remove member', async (x) => {
        const g = pick(groups);
        const id = pick([...users.keys()]);
        if (g !== undefined && id !== undefined) await removeMember(x, g, id);
      }],
      ['set groups', async (x) => {
        const id = pick([...users.keys()]);
        if (id !== undefined) await setUserGroups(x, id, groups.filter(() => rnd() < 0.4), NOW);
      }],
      ['leave all groups', async (x) => {
        const id = pick([...users.keys()]);
        if (id !== undefined) await removeUserFromAllGroups(x, id);
      }],
      ['add designers', async (x) => {
        const g = pick(groups);
        if (g !== undefined) await addDesignersToGroup(x, g, NOW);
      }],
    ];
    const weights = [14, 6, 5, 5, 8, 5, 2, 3, 1, 14, 6, 4, 1, 1];

    const steps: string[] = [];
    for (let step = 0; step < 400; step++) {
      // One in twenty steps runs three writes in a transaction that is rolled back.
      const rollback = rnd() < 0.05;
      const chosen: string[] = [];
      const run = async (x: Executor) => {
        for (let k = 0; k < (rollback ? 3 : 1); k++) {
          let r = int(weights.reduce((a, b) => a + b, 0));
          let i = 0;
          while (r >= weights[i]!) r -= weights[i++]!;
          chosen.push(ops[i]![0]);
          await ops[i]![1](x);
        }
      };
      if (rollback) {
        const snapshot = { users: new Map(users), gone: [...gone], groups: [...groups], pending: [...pending] };
        await db
          .transaction()
          .execute(async (trx) => {
            await run(trx);
            throw new Error('rollback');
          })
          .catch((e: Error) => expect(e.message).toBe('rollback'));
        users.clear();
        for (const [k, v] of snapshot.users) users.set(k, v);
        gone.splice(0, gone.length, ...snapshot.gone);
        groups.splice(0, groups.length, ...snapshot.groups);
        pending.splice(0, pending.length, ...snapshot.pending);
      } else {
        await run(db);
      }
      steps.push(`${step}: ${rollback ? 'rolled back ' : ''}${chosen.join(', ')}`);
      await expectCountsTrue(db, `after step ${steps.at(-1)}`);

      if (step % 20 === 19) {
        // Searches through the list: a live member by the word in their name, a gone word finds no one.
        for (const [id, w] of [...users].slice(-3)) expect(await search(db, w), `${w} at step ${step}`).toEqual({ total: 1, ids: [`user:${id}`] });
        for (const w of gone.slice(-3)) expect(await search(db, w), `${w} at step ${step}`).toEqual({ total: 0, ids: [] });
      }
    }
    const done = new Set(steps.flatMap((s) => s.replace(/^\d+: (rolled back )?/, '').split(', ')));
    expect([...done].sort()).toEqual(ops.map(([name]) => name).sort());
    expect(steps.filter((s) => s.includes('rolled back')).length).toBeGreaterThan(5);
    expect(users.size).toBeGreaterThan(20);
    expect(groups.length).toBeGreaterThan(0);
  });
});

describe('through the services', () => {
  it('keeps the counts true across invite, accept, revoke, edit, group changes, an extension and deletions', async () => {
    const t = await makeApp({ SEATS: 'designer:unlimited,explorer:unlimited,reader:unlimited' });
    const { admin } = await spaceWithOwner(t);
    await expectCountsTrue(t.db, 'after setup');
    const [analysts, marketing] = [await makeGroup(t, 'Analysts'), await makeGroup(t, 'Marketing')];

    const nina = await inviteOne(t, admin, 'Nina@Example.com', { profile: 'explorer', groupIds: [analysts, marketing] });
    const omar = await inviteOne(t, admin, 'omar@example.com', { profile: 'designer' });
    await inviteOne(t, admin, 'pia@example.com', { profile: 'reader', groupIds: [marketing] });
    await expectCountsTrue(t.db, 'after inviting');
    expect(await profileCounts(t.db)).toMatchObject({ explorer: { pending: 1 }, designer: { pending: 1 }, reader: { pending: 1 } });

    const accepted = await acceptInvitation(t.deps, tokenOf(await emailedLink(t, 'Nina@Example.com')), {
      displayName: 'Nina Nováková',
      password: 'a long enough password',
    });
    if (!accepted.ok) throw new Error(accepted.code);
    await expectCountsTrue(t.db, 'after accepting');
    expect(await groupIdsOf(t, accepted.userId)).toEqual([analysts, marketing]);
    expect(await search(t.db, 'nováková')).toEqual({ total: 1, ids: [`user:${accepted.userId}`] });

    expect((await revokeInvitation(t.deps, admin, omar.id)).ok).toBe(true);
    await expectCountsTrue(t.db, 'after revoking');

    const edited = await editUser(t.deps, admin, accepted.userId, { displayName: 'Nina Svoboda', profile: 'designer', groupIds: [marketing] });
    expect(edited).toEqual({ ok: true });
    await expectCountsTrue(t.db, 'after editing');
    expect(await search(t.db, 'nováková')).toEqual({ total: 0, ids: [] });
    expect(await search(t.db, 'svoboda')).toEqual({ total: 1, ids: [`user:${accepted.userId}`] });

    // A bulk invitation: 300 addresses, written a chunk of 250 rows at a time.
    const addresses = Array.from({ length: 300 }, (_, i) => `bulk${i}@example.com`);
    const bulk = await inviteUsers(t.deps, admin, { emails: addresses.join('\n'), profile: 'reader', groupIds: [analysts] });
    if (!bulk.ok) throw new Error(bulk.code);
    await expectCountsTrue(t.db, 'after a bulk invitation');
    expect(await profileCounts(t.db)).toMatchObject({ reader: { pending: 301 } });
    const bulkIds = bulk.outcomes.map((o) => (o.result === 'invited' ? o.invitationId : -1));
    expect(await search(t.db, 'bulk299@')).toEqual({ total: 1, ids: [`invitation:${bulkIds[299]}`] });
    for (const n of [0, 249, 250, 299]) {
      // Each row of the list carries its own email's state.
      const row = await findListRow(t.db, 'invitation', bulkIds[n]!);
      expect(row).toMatchObject({ email: addresses[n], mailStatus: 'queued', mailAttempts: 0 });
      const mail = await t.db.selectFrom('outbox').innerJoin('invitations', 'invitations.outbox_id', 'outbox.id').select(['outbox.to_address']).where('invitations.id', '=', bulkIds[n]!).executeTakeFirstOrThrow();
      expect(mail.to_address).toBe(addresses[n]);
    }

    expect((await activateExtension(t.deps, admin, 'code_studios')).ok).toBe(true); // adds every designer to its group
    await expectCountsTrue(t.db, 'after activating an extension');

    expect(await addGroupMember(t.deps, admin, analysts, admin.id)).toEqual({ ok: true });
    expect(await addGroupMember(t.deps, admin, analysts, accepted.userId)).toEqual({ ok: true });
    expect(await removeGroupMember(t.deps, admin, analysts, admin.id)).toEqual({ ok: true });
    await expectCountsTrue(t.db, 'after adding and removing members');

    expect(await deleteGroup(t.deps, admin, marketing)).toEqual({ ok: true });
    await expectCountsTrue(t.db, 'after deleting a group');

    expect(await deleteUserService(t.deps, admin, accepted.userId)).toEqual({ ok: true });
    await expectCountsTrue(t.db, 'after deleting a member of groups');
    expect(await search(t.db, 'svoboda')).toEqual({ total: 0, ids: [] });
    expect(await memberCount(t.db, analysts)).toBe(0);
  });
});

/** 0005 and every migration after it (later ones go down and up with it). */
const AFTER_0004 = Object.keys(migrations).sort().filter((n) => n > '0004_user_name_key');

describe('migrating down past 0005 and up again', () => {
  it('recounts the rows written while the counts were not kept, and rebuilds the trigram indexes', async () => {
    const db = await openEmptyTestDb(); // its own schema: it is migrated down and up
    await migrateToLatest(db);
    const schema = testEngine === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
    const a = await user(db, 'a@example.com', 'reader', 'Alpha Before');
    const b = await user(db, 'b@example.com', 'designer', 'Beta Before');
    const g = await group(db, 'Team');
    await addMember(db, g, a, NOW);
    await addMember(db, g, b, NOW);
    const i1 = await invitation(db, 'i1@example.com', 'explorer');
    await expectCountsTrue(db, 'before going down');

    // Every migration after 0004, whatever later issues add.
    const after0004 = Object.keys(migrations).sort().filter((name) => name > '0004_user_name_key');
    const down = await migrator.migrateTo('0004_user_name_key');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => `${r.direction} ${r.migrationName}`)).toEqual([...after0004].reverse().map((n) => `Down ${n}`));
    const tables =
      testEngine === 'postgres'
        ? await sql<{ name: string }>`select relname as name from pg_class where relnamespace = current_schema()::regnamespace
            and relname in ('profile_counts', 'users_search', 'invitations_search')`.execute(db)
        : await sql<{ name: string }>`select name from sqlite_master where name in ('profile_counts', 'users_search', 'invitations_search')`.execute(db);
    expect(tables.rows).toEqual([]);

    // Rows written while nothing keeps the counts.
    const c = await user(db, 'c@example.com', 'explorer', 'Gamma During');
    await updateUser(db, b, { profile: 'explorer', displayName: 'Beta Renamed' });
    await deleteUser(db, a);
    const g2 = await group(db, 'Late');
    await addMember(db, g2, c, NOW);
    await addMember(db, g, c, NOW);
    await closeInvitation(db, i1, { status: 'revoked', at: NOW });
    // The app's insertInvitation writes the name column of 0006, which this schema has not got yet.
    const oldInvitation = (email: string, expiresAt: number) =>
      sql`insert into invitations (public_id, secret_hash, email, email_key, profile, status, invited_by_label, created_at, expires_at)
          values (${`old-${email}`}, ${new Uint8Array([1])}, ${email}, ${emailKey(email)}, 'designer', 'pending', 'Olivia Owner', ${NOW}, ${expiresAt})`.execute(db);
    await oldInvitation('i2@example.com', NOW + 7 * DAY);
    await oldInvitation('i3@example.com', NOW - DAY);

    expect(await migrateToLatest(db)).toEqual(after0004.map((n) => `applied ${n}`));
    await expectCountsTrue(db, 'after coming up again');
    expect(await profileCounts(db)).toEqual({
      designer: { members: 0, pending: 2 },
      explorer: { members: 2, pending: 0 },
      reader: { members: 0, pending: 0 },
    });
    expect([await memberCount(db, g), await memberCount(db, g2)]).toEqual([2, 1]);
    expect(await search(db, 'renamed')).toEqual({ total: 1, ids: [`user:${b}`] });
    expect(await search(db, 'beta before')).toEqual({ total: 0, ids: [] });
    expect(await search(db, 'alpha')).toEqual({ total: 0, ids: [] });
    expect(await search(db, 'gamma')).toEqual({ total: 1, ids: [`user:${c}`] });
    expect((await search(db, 'i1@')).total).toBe(0);

    // And the triggers work again afterwards.
    await user(db, 'd@example.com', 'reader', 'Delta After');
    await removeMember(db, g, b);
    await expectCountsTrue(db, 'after writing again');
    expect(await search(db, 'delta')).toMatchObject({ total: 1 });
    await db.destroy();
  });
});
