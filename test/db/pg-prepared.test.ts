// On PostgreSQL, a statement that ends with GENERIC_PLAN goes as a named prepared statement, one per SQL
// text and connection, so PostgreSQL parses it once and may keep a generic plan; the others go unnamed,
// planned for their values every time.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { GENERIC_PLAN, PreparingPool, statementName } from '../../src/db/pg-prepared.js';
import { newSchemaUrl, testEngine } from '../support/db.js';

/** A Kysely on one connection, so pg_prepared_statements shows what that connection keeps. */
async function oneConnection(perConnection?: number) {
  const pool = new pg.Pool({ connectionString: await newSchemaUrl(), max: 1 });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new PreparingPool(pool, perConnection) }) });
  onTestFinished(() => db.destroy());
  const kept = async () =>
    (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements order by name`.execute(db)).rows;
  return { db, kept };
}

describe.skipIf(testEngine !== 'postgres')('PreparingPool', () => {
  it('prepares a statement marked GENERIC_PLAN once per connection, under the hash of its text', async () => {
    const { db, kept } = await oneConnection();
    await sql`create table t (id integer primary key, name text)`.execute(db);
    await db.insertInto('t').values({ id: 1, name: 'Ada' }).execute();
    const find = db.selectFrom('t').select('name').where('id', '=', 1).modifyEnd(GENERIC_PLAN);
    expect(await find.execute()).toEqual([{ name: 'Ada' }]);
    expect(await find.execute()).toEqual([{ name: 'Ada' }]);
    expect(await kept()).toEqual([{ name: statementName(find.compile().sql), statement: find.compile().sql }]);
  });

  it('sends every other statement unnamed, planned for its values each time, as before', async () => {
    const { db, kept } = await oneConnection();
    await sql.raw('create table a (x integer); create table b (y integer); insert into a values (1)').execute(db);
    expect((await db.selectFrom('a').select('x').where('x', '=', 1).execute())).toEqual([{ x: 1 }]);
    expect((await sql<{ x: number }>`select x from a where x > ${0}`.execute(db)).rows).toEqual([{ x: 1 }]);
    expect(await kept()).toEqual([]);
  });

  it('keeps at most its limit of texts per connection; the rest run unnamed, with the same results', async () => {
    const { db, kept } = await oneConnection(2);
    for (const n of [1, 2, 3, 4]) expect((await sql<{ n: number }>`select ${n}::int + ${n}::int as n, ${String(n)} as tag${sql.raw(String(n))} ${GENERIC_PLAN}`.execute(db)).rows[0]!.n).toBe(2 * n);
    expect(await kept()).toHaveLength(2);
  });

  it('runs a statement again unnamed when a migration changed its result columns, and unnamed from then on', async () => {
    const { db } = await oneConnection();
    await sql`create table m (id integer primary key)`.execute(db);
    await db.insertInto('m').values({ id: 1 }).execute();
    const all = () => db.selectFrom('m').selectAll().where('id', '>', 0).modifyEnd(GENERIC_PLAN).execute();
    expect(await all()).toEqual([{ id: 1 }]);
    await sql`alter table m add column label text default 'new'`.execute(db);
    expect(await all()).toEqual([{ id: 1, label: 'new' }]);
    expect(await all()).toEqual([{ id: 1, label: 'new' }]);
  });

  it('inside a transaction, that refusal fails the transaction (it is aborted), and the next one runs unnamed', async () => {
    const { db } = await oneConnection();
    await sql`create table m (id integer primary key)`.execute(db);
    const all = (q: Kysely<any>) => q.selectFrom('m').selectAll().where('id', '>', 0).modifyEnd(GENERIC_PLAN).execute();
    await db.insertInto('m').values({ id: 1 }).execute();
    expect(await all(db)).toEqual([{ id: 1 }]);
    await sql`alter table m add column label text default 'new'`.execute(db);
    await expect(db.transaction().execute((trx) => all(trx))).rejects.toMatchObject({ code: '0A000' });
    expect(await db.transaction().execute((trx) => all(trx))).toEqual([{ id: 1, label: 'new' }]);
  });
});
