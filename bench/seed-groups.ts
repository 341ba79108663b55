// The space, its groups and their permissions, and the memberships: space_administrators holds the owner and
// the other admins (as setup and the Users tab make it); the other groups' sizes follow Zipf's law (a few big
// groups, many small ones), members drawn at random.
import { PERMISSIONS } from '../src/domain/permissions.js';
import { SPACE_ADMINISTRATORS } from '../src/services/setup.js';
import { insertRows, type SqliteDb, type SqlValue } from './bulk-insert.js';
import { groupName } from './fixtures.js';
import type { AuditSeed } from './seed-audit.js';
import { DAY, type SeededUsers } from './seed-users.js';

export const SPACE_NAME = 'Acme Data Platform';

export interface SeededGroup {
  id: number;
  name: string;
  size: number;
}

export interface SeededGroups {
  adminGroupId: number;
  /** Every group but space_administrators, the largest first. */
  bySize: SeededGroup[];
  /** Names of the groups with id 2, 3, … (index = id - 2). */
  names: string[];
  permissionRows: number;
  createdAt: Float64Array;
  audit: AuditSeed[];
}

/** space, groups, group_permissions. */
export function seedGroups(db: SqliteDb, rand: () => number, now: number, count: number, users: SeededUsers): SeededGroups {
  const owner = users.adminIds[0]!;
  const ownerCreated = users.createdAt[owner - 1]!;
  const createdAt = new Float64Array(count + 1);
  const names: string[] = [];
  const audit: AuditSeed[] = [];
  db.prepare('insert into space (id, name, owner_id, created_at) values (1, ?, ?, ?)').run(SPACE_NAME, owner, ownerCreated);
  audit.push({
    at: ownerCreated, actorId: owner, actorLabel: `${users.emails[owner - 1]} (command line)`, action: 'space.created',
    targetType: 'space', targetId: null, targetLabel: SPACE_NAME, details: { owner: users.emails[owner - 1] },
  });
  const grantable = PERMISSIONS.filter((p) => p !== 'space_admin');
  const perms: SqlValue[][] = [[1, 'space_admin']];
  function* rows(): Generator<SqlValue[]> {
    createdAt[1] = ownerCreated;
    yield [1, SPACE_ADMINISTRATORS, SPACE_ADMINISTRATORS, 'Administrators of the space: every panel and right in the Launchpad.', 'space', ownerCreated];
    for (let id = 2; id <= count; id++) {
      const name = groupName(rand, id);
      const created = ownerCreated + Math.floor(rand() * 700 * DAY);
      const granted = new Set<string>();
      const n = Math.floor(rand() * 4);
      while (granted.size < n) granted.add(grantable[Math.floor(rand() * grantable.length)]!);
      for (const p of granted) perms.push([id, p]);
      const admin = users.adminIds[Math.floor(rand() * users.adminIds.length)]!;
      audit.push({
        at: created, actorId: admin, actorLabel: users.emails[admin - 1]!, action: 'group.created', targetType: 'group',
        targetId: String(id), targetLabel: name, details: { permissions: [...granted] },
      });
      names.push(name);
      createdAt[id] = created;
      yield [id, name, name.toLowerCase(), rand() < 0.5 ? `People of ${name}` : '', 'admin', created];
    }
  }
  insertRows(db, 'insert into groups (id, name, name_key, description, origin, created_at) values (?, ?, ?, ?, ?, ?)', rows());
  const permissionRows = insertRows(db, 'insert into group_permissions (group_id, permission) values (?, ?)', perms);
  return { adminGroupId: 1, bySize: [], names, permissionRows, createdAt, audit };
}

/** Zipf sizes (weight 1/rank) summing to `total`, none above `cap`, handed to the groups in random order. */
function zipfSizes(rand: () => number, groups: number, total: number, cap: number): number[] {
  let harmonic = 0;
  for (let r = 1; r <= groups; r++) harmonic += 1 / r;
  const sizes = Array.from({ length: groups }, (_, i) => Math.min(cap, Math.floor(total / harmonic / (i + 1))));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0 && i < groups * 4; i++) {
    const j = i % groups;
    const add = Math.min(left, cap - sizes[j]!, Math.max(1, Math.ceil(left / groups)));
    if (add > 0) {
      sizes[j] = sizes[j]! + add;
      left -= add;
    }
  }
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sizes[i], sizes[j]] = [sizes[j]!, sizes[i]!];
  }
  return sizes;
}

/** group_members: `total` rows in all. */
export function seedMemberships(db: SqliteDb, rand: () => number, now: number, total: number, users: SeededUsers, groups: SeededGroups): number {
  const others = groups.names.length;
  const sizes = zipfSizes(rand, others, Math.max(0, total - users.adminIds.length), users.count);
  const perm = Int32Array.from({ length: users.count }, (_, i) => i + 1);
  const addedAt = (userId: number, groupId: number) => {
    const from = Math.max(users.createdAt[userId - 1]!, groups.createdAt[groupId]!);
    return from + Math.floor(rand() * Math.max(0, now - from));
  };
  function* rows(): Generator<SqlValue[]> {
    for (const userId of users.adminIds) yield [groups.adminGroupId, userId, addedAt(userId, groups.adminGroupId)];
    for (let g = 0; g < others; g++) {
      const groupId = g + 2;
      const k = sizes[g]!;
      // Partial Fisher–Yates: the first k entries become a fresh random sample; the array stays a permutation.
      for (let j = 0; j < k; j++) {
        const swap = j + Math.floor(rand() * (perm.length - j));
        const t = perm[j]!;
        perm[j] = perm[swap]!;
        perm[swap] = t;
      }
      const chosen = perm.slice(0, k).sort();
      for (const userId of chosen) yield [groupId, userId, addedAt(userId, groupId)];
    }
  }
  const n = insertRows(db, 'insert into group_members (group_id, user_id, added_at) values (?, ?, ?)', rows());
  groups.bySize = sizes
    .map((size, i) => ({ id: i + 2, name: groups.names[i]!, size }))
    .sort((a, b) => b.size - a.size || a.id - b.id);
  return n;
}
