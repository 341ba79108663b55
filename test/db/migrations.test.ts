import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { newSchemaUrl, openEmptyTestDb, testEngine } from '../support/db.js';
import { openDatabase } from '../../src/db/connect.js';
import { migrateAllDown, migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';

/** Kysely's own bookkeeping, and SQLite's internal tables (sqlite_sequence outlives AUTOINCREMENT tables). */
const isBookkeeping = (name: string) => name.startsWith('kysely_') || name.startsWith('sqlite_');

/** Every table, index, view, trigger and function in the database (on PostgreSQL: in its schema), with its definition. */
async function schemaObjects(db: Db): Promise<Array<{ type: string; name: string; sql: string | null }>> {
  const r =
    testEngine === 'postgres'
      ? await sql<{ type: string; name: string; sql: string | null }>`
          select 'table' as type, table_name as name, null as sql from information_schema.tables where table_schema = current_schema()
          union all select 'index', indexname, indexdef from pg_indexes where schemaname = current_schema()
          union all select 'trigger', tgname || ' on ' || tgrelid::regclass::text, pg_get_triggerdef(t.oid) from pg_trigger t
            join pg_class c on c.oid = t.tgrelid where not tgisinternal and c.relnamespace = current_schema()::regnamespace
          union all select 'function', proname, pg_get_functiondef(p.oid) from pg_proc p where pronamespace = current_schema()::regnamespace
          order by 1, 2`.execute(db)
      : await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master where type in ('table', 'index', 'view', 'trigger') order by type, name`.execute(db);
  return r.rows.filter((o) => !isBookkeeping(o.name));
}

/** The tables 0001_foundation creates. */
const APP_TABLES = ['audit_events', 'group_members', 'group_permissions', 'groups', 'outbox', 'password_resets', 'sessions', 'space', 'users'];
const MIGRATION_NAMES = Object.keys(migrations).sort();

describe('migrations', () => {
  it('apply from an empty database, every one in order', async () => {
    const db = await openEmptyTestDb();
    const done = await migrateToLatest(db);
    expect(done).toEqual(MIGRATION_NAMES.map((n) => `applied ${n}`));
    const tables = (await schemaObjects(db)).filter((o) => o.type === 'table').map((o) => o.name);
    // Later migrations may add tables; the foundation's must all be there.
    expect(tables).toEqual(expect.arrayContaining(APP_TABLES));
    await db.destroy();
  });

  it('do nothing the second time (already at the latest)', async () => {
    const db = await openEmptyTestDb();
    await migrateToLatest(db);
    expect(await migrateToLatest(db)).toEqual([]);
    await db.destroy();
  });

  it('all go down, leaving no table, index, view or trigger but the bookkeeping', async () => {
    const db = await openEmptyTestDb();
    await migrateToLatest(db);
    const reverted = await migrateAllDown(db);
    expect(reverted).toEqual([...MIGRATION_NAMES].reverse().map((n) => `reverted ${n}`));
    expect(await schemaObjects(db)).toEqual([]);
    await db.destroy();
  });

  it('all come up again after going down, to the same schema', async () => {
    const db = await openEmptyTestDb();
    await migrateToLatest(db);
    const first = await schemaObjects(db);
    await migrateAllDown(db);
    expect(await migrateToLatest(db)).toEqual(MIGRATION_NAMES.map((n) => `applied ${n}`));
    expect(await schemaObjects(db)).toEqual(first);
    await db.destroy();
  });

  it('leave a working database after down and up: rows can be written and read', async () => {
    const db = await openEmptyTestDb();
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

  it.runIf(testEngine === 'postgres')("keep every trigram index's pending list at 64 kB, so a search after a bulk invite reads no long list", async () => {
    const db = await openEmptyTestDb();
    await migrateToLatest(db);
    const r = await sql<{ name: string; options: string[] | null }>`select c.relname as name, c.reloptions as options from pg_class c
      join pg_index i on i.indexrelid = c.oid join pg_am a on a.oid = c.relam
      where a.amname = 'gin' and c.relnamespace = current_schema()::regnamespace order by c.relname`.execute(db);
    expect(r.rows).toEqual(['invitations_search', 'user_list_search', 'users_search'].map((name) => ({ name, options: ['gin_pending_list_limit=64'] })));
    await db.destroy();
  });

  it.runIf(testEngine === 'postgres')('a migration that fails leaves the database as it was (one transaction)', async () => {
    const db = await openEmptyTestDb();
    const failing = {
      ...migrations,
      '9999_fails': {
        up: async (k: Db) => {
          await sql`create table half_done (id integer)`.execute(k);
          throw new Error('boom');
        },
      },
    };
    await expect(migrateToLatest(db, failing)).rejects.toThrow('boom');
    expect(await schemaObjects(db)).toEqual([]);
    const applied = await db.selectFrom(sql.table('kysely_migration').as('m') as never).selectAll().execute();
    expect(applied).toEqual([]);
  });

  it.runIf(testEngine === 'postgres')('an upgrade whose new migration fails halfway leaves the schema, the rows and the version as they were', async () => {
    const db = await openEmptyTestDb();
    await migrateToLatest(db);
    await db
      .insertInto('users')
      .values({ email: 'a@example.com', email_key: 'a@example.com', display_name: 'A', name_key: 'a', password_hash: 'x', profile: 'reader', created_at: 1 })
      .execute();
    const before = { schema: await schemaObjects(db), users: await db.selectFrom('users').selectAll().execute() };
    const upgrade = {
      ...migrations,
      '9999_fails': {
        up: async (k: Db) => {
          await sql`alter table users add column nickname text`.execute(k);
          await sql`update users set display_name = 'changed', nickname = 'x'`.execute(k);
          await sql`create index users_nickname_idx on users (nickname)`.execute(k);
          throw new Error('boom');
        },
      },
    };
    await expect(migrateToLatest(db, upgrade)).rejects.toThrow('boom');
    expect(await schemaObjects(db)).toEqual(before.schema);
    expect(await db.selectFrom('users').selectAll().execute()).toEqual(before.users);
    const applied = await db.selectFrom(sql.table('kysely_migration').as('m') as never).select(sql<string>`name`.as('name')).execute();
    expect(applied.map((m) => (m as { name: string }).name).sort()).toEqual(MIGRATION_NAMES);
    // and the real list still applies nothing more: the database is at the version it was
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it.runIf(testEngine === 'postgres')('two processes starting at once: one migrates, the other waits and finds nothing to do', async () => {
    const url = await newSchemaUrl();
    const [a, b] = [openDatabase(url, { poolMax: 2 }), openDatabase(url, { poolMax: 2 })];
    try {
      const [ra, rb] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      expect([ra.length, rb.length].sort()).toEqual([0, MIGRATION_NAMES.length]);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
