import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { migrateAllDown, migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';

/** Kysely's own bookkeeping, and SQLite's internal tables (sqlite_sequence outlives AUTOINCREMENT tables). */
const isBookkeeping = (name: string) => name.startsWith('kysely_') || name.startsWith('sqlite_');

async function schemaObjects(db: Db): Promise<Array<{ type: string; name: string }>> {
  const r = await sql<{ type: string; name: string }>`select type, name from sqlite_master where type in ('table', 'index', 'view', 'trigger') order by type, name`.execute(db);
  return r.rows.filter((o) => !isBookkeeping(o.name));
}

/** The tables 0001_foundation creates. */
const APP_TABLES = ['audit_events', 'group_members', 'group_permissions', 'groups', 'outbox', 'password_resets', 'sessions', 'space', 'users'];
const MIGRATION_NAMES = Object.keys(migrations).sort();

describe('migrations', () => {
  it('apply from an empty database, every one in order', async () => {
    const db = openDatabase(':memory:');
    const done = await migrateToLatest(db);
    expect(done).toEqual(MIGRATION_NAMES.map((n) => `applied ${n}`));
    const tables = (await schemaObjects(db)).filter((o) => o.type === 'table').map((o) => o.name);
    // Later migrations may add tables; the foundation's must all be there.
    expect(tables).toEqual(expect.arrayContaining(APP_TABLES));
    await db.destroy();
  });

  it('do nothing the second time (already at the latest)', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    expect(await migrateToLatest(db)).toEqual([]);
    await db.destroy();
  });

  it('all go down, leaving no table, index, view or trigger but the bookkeeping', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    const reverted = await migrateAllDown(db);
    expect(reverted).toEqual([...MIGRATION_NAMES].reverse().map((n) => `reverted ${n}`));
    expect(await schemaObjects(db)).toEqual([]);
    await db.destroy();
  });

  it('all come up again after going down, to the same schema', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    const first = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where name not like 'kysely_%' order by name`.execute(db);
    await migrateAllDown(db);
    expect(await migrateToLatest(db)).toEqual(MIGRATION_NAMES.map((n) => `applied ${n}`));
    const again = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where name not like 'kysely_%' order by name`.execute(db);
    expect(again.rows).toEqual(first.rows);
    await db.destroy();
  });

  it('leave a working database after down and up: rows can be written and read', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    await migrateAllDown(db);
    await migrateToLatest(db);
    await db
      .insertInto('users')
      .values({ email: 'a@example.com', email_key: 'a@example.com', display_name: 'A', name_key: 'a', password_hash: 'x', profile: 'reader', created_at: 1 })
      .execute();
    const rows = await db.selectFrom('users').select('email').execute();
    expect(rows).toEqual([{ email: 'a@example.com' }]);
    await db.destroy();
  });
});
