// SCIM filters run as SQL on a real migrated database: each filter returns exactly the expected members,
// and the lookups IdPs make on every sync (userName eq, externalId eq, displayName eq) read an index.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { insertGroup } from '../../src/db/queries/groups.js';
import { groupFilterWhere, nextPrefix, userFilterWhere } from '../../src/db/queries/scim-filter.js';
import { insertUser } from '../../src/db/queries/users.js';
import { parseGroupFilter, parseUserFilter } from '../../src/scim/parse-filter.js';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);

// email, display name, externalId, deactivated
const PEOPLE: Array<[string, string, string | null, boolean]> = [
  ['bjensen@example.com', 'Barbara Jensen', 'ext-B1', false],
  ['Jane.Doe@Example.com', 'Jane Doe', 'ext-j2', false],
  ['jdoe@example.org', 'John Doe', null, true],
  ['emile@example.com', 'Émile Zola', 'EXT-É3', false],
  ['under_score@example.com', 'Under Score', '50%off', false],
  ['percent%x@example.com', 'Per Cent', null, false],
];

let db: Db;

beforeAll(async () => {
  db = openDatabase(':memory:');
  await migrateToLatest(db);
  for (const [email, displayName, externalId, deactivated] of PEOPLE) {
    const id = await insertUser(db, { email, displayName, passwordHash: 'x', profile: 'reader', createdAt: NOW });
    await db.updateTable('users').set({ external_id: externalId, deactivated_at: deactivated ? NOW : null }).where('id', '=', id).execute();
  }
  for (const [name, externalId] of [['Test SCIMv2', 'okta-g1'], ['Sales', null], ['Sales-EMEA', 'entra-g2']] as const) {
    const id = await insertGroup(db, { name, description: '', origin: 'admin', createdAt: NOW });
    await db.updateTable('groups').set({ external_id: externalId }).where('id', '=', id).execute();
  }
});

afterAll(async () => {
  await db.destroy();
});

function userQuery(filter: string) {
  const parsed = parseUserFilter(filter);
  if (!parsed.ok) throw new Error(`${filter}: ${parsed.problem.detail}`);
  return db.selectFrom('users').select('email').where(userFilterWhere(parsed.value)).orderBy('id');
}

async function usersMatching(filter: string): Promise<string[]> {
  return (await userQuery(filter).execute()).map((r) => r.email);
}

async function groupsMatching(filter: string): Promise<string[]> {
  const parsed = parseGroupFilter(filter);
  if (!parsed.ok) throw new Error(`${filter}: ${parsed.problem.detail}`);
  return (await db.selectFrom('groups').select('name').where(groupFilterWhere(parsed.value)).orderBy('name').execute()).map((r) => r.name);
}

const B = 'bjensen@example.com';
const JANE = 'Jane.Doe@Example.com';
const JOHN = 'jdoe@example.org';
const EMILE = 'emile@example.com';
const UNDER = 'under_score@example.com';
const PCT = 'percent%x@example.com';

describe('User filters as SQL', () => {
  it.each([
    // RFC 7644 §3.4.2.2's examples, where they name our attributes
    ['userName eq "bjensen@example.com"', [B]],
    ['userName Eq "BJENSEN@EXAMPLE.COM"', [B]], // operators and userName are case-insensitive
    ['userName sw "J"', [JANE, JOHN]],
    ['userName co "doe"', [JANE, JOHN]],
    ['emails co "example.com"', [B, JANE, EMILE, UNDER, PCT]],
    ['emails.value ew "example.org"', [JOHN]],
    ['userName ew ".ORG"', [JOHN]],
    ['externalId pr', [B, JANE, EMILE, UNDER]],
    ['userName sw "j" and active eq true', [JANE]],
    ['not (emails co "example.com" or emails.value co "example.org")', []],
    ['userName eq "nobody@example.com" or displayName eq "jane doe"', [JANE]],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b"', [B]],
    // externalId is case-exact
    ['externalId eq "ext-B1"', [B]],
    ['externalId eq "EXT-B1"', []],
    ['externalId sw "ext-"', [B, JANE]],
    ['externalId co "É"', [EMILE]],
    ['externalId ew "j2"', [JANE]],
    ['externalId ne "ext-B1"', [JANE, JOHN, EMILE, UNDER, PCT]], // no value counts as "not equal"
    ['not (externalId eq "ext-B1")', [JANE, JOHN, EMILE, UNDER, PCT]],
    // active, with Entra's string booleans
    ['active eq false', [JOHN]],
    ['active eq "False"', [JOHN]],
    ['active ne true', [JOHN]],
    ['active pr', [B, JANE, JOHN, EMILE, UNDER, PCT]],
    // displayName is folded like the Users tab folds it (Unicode, NFC)
    ['displayName eq "ÉMILE ZOLA"', [EMILE]],
    ['displayName eq "E\u0301mile Zola"', [EMILE]],
    ['displayName sw "jo"', [JOHN]],
    // LIKE's wildcards are searched for, not obeyed
    ['userName co "_"', [UNDER]],
    ['userName co "%"', [PCT]],
    ['externalId co "%"', [UNDER]],
    // Entra's lookup by work email
    ['emails[type eq "work"].value eq "jane.doe@example.com"', [JANE]],
    ['emails[type eq "work" and value co "example.org"]', [JOHN]],
    ['emails[type eq "home"].value eq "jane.doe@example.com"', []],
    ['emails[primary eq true and value sw "emile"]', [EMILE]],
  ])('%s', async (filter, expected) => {
    expect(await usersMatching(filter)).toEqual(expected);
  });
});

describe('Group filters as SQL', () => {
  it.each([
    ['displayName eq "Test SCIMv2"', ['Test SCIMv2']], // Okta's own example group
    ['displayName eq "test scimv2"', ['Test SCIMv2']],
    ['displayName sw "sales"', ['Sales', 'Sales-EMEA']],
    ['externalId eq "entra-g2"', ['Sales-EMEA']],
    ['externalId pr', ['Sales-EMEA', 'Test SCIMv2']],
    ['not (externalId pr)', ['Sales']],
  ])('%s', async (filter, expected) => {
    expect(await groupsMatching(filter)).toEqual(expected);
  });
});

describe('the query plan', () => {
  async function explain(filter: string, table: 'users' | 'groups' = 'users'): Promise<string> {
    const q =
      table === 'users'
        ? userQuery(filter)
        : (() => {
            const parsed = parseGroupFilter(filter);
            if (!parsed.ok) throw new Error(parsed.problem.detail);
            return db.selectFrom('groups').select('name').where(groupFilterWhere(parsed.value));
          })();
    const c = q.compile();
    // The same statement with its parameters, behind EXPLAIN QUERY PLAN.
    const r = await db.executeQuery<{ detail: string }>({ ...c, sql: `explain query plan ${c.sql}` });
    return r.rows.map((row) => row.detail).join('\n');
  }

  it.each([
    ['userName eq "bjensen@example.com"', /SEARCH users USING INDEX \S+ \(email_key=\?\)/],
    ['emails[type eq "work"].value eq "bjensen@example.com"', /SEARCH users USING INDEX \S+ \(email_key=\?\)/],
    ['userName sw "bj"', /SEARCH users USING INDEX \S+ \(email_key>\? AND email_key<\?\)/],
    ['externalId eq "ext-B1"', /SEARCH users USING INDEX users_external_id_idx \(external_id=\?\)/],
    ['displayName eq "Barbara Jensen"', /SEARCH users USING (COVERING )?INDEX users_list_name_idx \(name_key=\?\)/],
  ])('%s reads an index, not the whole table', async (filter, expected) => {
    const detail = await explain(filter);
    expect(detail).toMatch(expected);
    expect(detail).not.toMatch(/SCAN users/);
  });

  it('Group displayName eq reads the unique name index', async () => {
    const detail = await explain('displayName eq "Test SCIMv2"', 'groups');
    expect(detail).toMatch(/SEARCH groups USING INDEX \S+ \(name_key=\?\)/);
  });
});

describe('nextPrefix', () => {
  it.each([
    ['ab', 'ac'],
    ['a\u{10FFFF}', 'b'],
    ['\u{D7FF}', '\u{E000}'],
    ['\u{10FFFF}', null],
  ])('%j → %j', (prefix, next) => {
    expect(nextPrefix(prefix)).toBe(next);
  });
});
