// The Members page of a group in two statements: the group with what the page says about it (its
// permissions, its active members' count, the space's owner), and one page of its active members by name.
// The Users tab's list reads members in four (the counts, the group's count, the page's keys, their
// rows); on PostgreSQL each statement is a round trip, so the page reads its own.
import { sql, type SqlBool } from 'kysely';
import { engineOf, type Executor } from '../connect.js';
import { GENERIC_PLAN } from '../pg-prepared.js';
import { groupSummaryOf, toGroupSummary, type GroupMember, type GroupSummary } from './groups.js';
import { inGroup } from './user-list.js';

export interface MembersPageHead {
  group: GroupSummary;
  /** Members who are not deactivated: those the page lists. */
  activeMembers: number;
  ownerId: number | null;
  /** Members of the space, active or not: what walking the list by name would read at most. */
  users: number;
}

/**
 * The group's deactivated members, counted from the smaller side (as the Users tab's group filter
 * counts them): the space's deactivated members probing the membership's primary key, or the group's
 * members probing their user row. With nobody deactivated, either reads nothing.
 */
const deactivatedMembers = (groupId: number) => sql<number>`case when groups.member_count <= (select sum(deactivated) from profile_counts)
  then (select count(*) from group_members join users on users.id = group_members.user_id
        where group_members.group_id = ${groupId} and users.deactivated_at is not null)
  else (select count(*) from users where users.deactivated_at is not null
        and exists (select 1 from group_members where group_members.group_id = ${groupId} and group_members.user_id = users.id))
  end`;

async function readMembersPageHead(db: Executor, groupId: number): Promise<MembersPageHead | null> {
  const r = await groupSummaryOf(db, groupId)
    .select([
      deactivatedMembers(groupId).as('deactivated'),
      sql<number | null>`(select owner_id from space where id = 1)`.as('owner_id'),
      sql<number>`(select sum(members) + sum(deactivated) from profile_counts)`.as('users'),
    ])
    // One plan for every group (a lookup by id; each count's branch is chosen as it runs): PostgreSQL
    // planned it for each request in 0.5 ms, ten times running it (pg-prepared.ts).
    .modifyEnd(GENERIC_PLAN)
    .executeTakeFirst();
  if (!r) return null;
  const group = toGroupSummary(r);
  return { group, activeMembers: group.memberCount - Number(r.deactivated), ownerId: r.owner_id, users: Number(r.users ?? 0) };
}

export interface MembersPageQuery {
  groupId: number;
  page: number;
  pageSize: number;
}

/**
 * The group and one page of its members; null when there is no such group. On PostgreSQL the two
 * statements go together (two round trips at once), and its planner, which knows the large groups from
 * its statistics, chooses between walking the users by name and reading the group and sorting its
 * members. SQLite is told which, from the group's size, so it reads the group first.
 */
export async function readGroupMembersPage(db: Executor, q: MembersPageQuery): Promise<{ head: MembersPageHead; members: GroupMember[] } | null> {
  if (engineOf(db) === 'postgres') {
    const [head, members] = await Promise.all([readMembersPageHead(db, q.groupId), listGroupMembersPage(db, q, false)]);
    return head && { head, members };
  }
  const head = await readMembersPageHead(db, q.groupId);
  if (!head) return null;
  const past = (q.page - 1) * q.pageSize >= head.activeMembers;
  return { head, members: past ? [] : await listGroupMembersPage(db, q, readsGroupFirst(head, q)) };
}

/**
 * Whether the page is found sooner by reading the group's members and sorting them than by walking
 * the users by name and probing each one's membership. Walking reads about (offset + page) × users /
 * members rows; reading a member and sorting costs about ten times walking a row (the Users tab's
 * measure on 100,000 users).
 */
function readsGroupFirst(head: MembersPageHead, q: MembersPageQuery): boolean {
  const members = Math.max(head.activeMembers, 1);
  return (q.page * q.pageSize * head.users) / members >= 10 * members;
}

/** One page of the group's active members, by name (then address, then id, as the Users tab orders them). */
async function listGroupMembersPage(db: Executor, q: MembersPageQuery, groupFirst: boolean): Promise<GroupMember[]> {
  const offset = (q.page - 1) * q.pageSize;
  const rows = await db
    .selectFrom('users')
    .select(['users.id', 'users.email', 'users.display_name', 'users.profile'])
    .where('users.deactivated_at', 'is', null)
    .where(inGroup(q.groupId, groupFirst))
    // A page past the group's end reads nothing (PostgreSQL asks before it knows the count): the test
    // is made once, before any row.
    .$if(offset > 0, (qb) => qb.where(sql<SqlBool>`${offset} < (select member_count from groups where id = ${q.groupId})`))
    .orderBy(sql`users.name_key`)
    .orderBy(sql`users.email_key`)
    .orderBy('users.id')
    .limit(q.pageSize)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, profile: r.profile }));
}
