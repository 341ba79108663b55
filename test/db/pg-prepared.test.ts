// On PostgreSQL, statements with parameters go as named prepared statements, one per SQL text and
// connection, so PostgreSQL parses (and, where it may, plans) each once rather than on every request.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PreparingPool, statementName } from '../../src/db/pg-prepared.js';
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
  it('prepares a statement with parameters once per connection, under the hash of its text', async () => {
    const { db, kept } = await oneConnection();
    await sql`create table t (id integer primary key, name text)`.execute(db);
    await db.insertInto('t').values({ id: 1, name: 'Ada' }).execute();
    const find = db.selectFrom('t').select('name').where('id', '=', 1);
    expect(await find.execute()).toEqual([{ name: 'Ada' }]);
    expect(await find.execute()).toEqual([{ name: 'Ada' }]);
    const texts = [find.compile().sql];
    expect((await kept()).filter((k) => k.name.startsWith('lp_'))).toHaveLength(2); // the insert and the select
    expect((await kept()).map((k) => k.name)).toContain(statementName(texts[0]!));
  });

  it('sends statements without parameters as before, so several statements in one text still run', async () => {
    const { db, kept } = await oneConnection();
    await sql.raw('create table a (x integer); create table b (y integer); insert into a values (1)').execute(db);
    expect((await sql<{ x: number }>`select x from a`.execute(db)).rows).toEqual([{ x: 1 }]);
    expect(await kept()).toEqual([]);
  });

  it('keeps at most its limit of texts per connection; the rest run unnamed, with the same results', async () => {
    const { db, kept } = await oneConnection(2);
    for (const n of [1, 2, 3, 4]) expect((await sql<{ n: number }>`select ${n}::int + ${n}::int as n, ${String(n)} as tag${sql.raw(String(n))}`.execute(db)).rows[0]!.n).toBe(2 * n);
    expect((await kept()).filter((k) => k.name.startsWith('lp_'))).toHaveLength(2);
  });

  it('runs a statement again unnamed when a migration changed its result columns, and unnamed from then on', async () => {
    const { db } = await oneConnection();
    await sql`create table m (id integer primary key)`.execute(db);
    await db.insertInto('m').values({ id: 1 }).execute();
    const all = () => db.selectFrom('m').selectAll().where('id', '>', 0).execute();
    expect(await all()).toEqual([{ id: 1 }]);
    await sql`alter table m add column label text default 'new'`.execute(db);
    expect(await all()).toEqual([{ id: 1, label: 'new' }]);
    expect(await all()).toEqual([{ id: 1, label: 'new' }]);
  });

  it('inside a transaction, that refusal fails the transaction (it is aborted), and the next one runs unnamed', async () => {
    const { db } = await oneConnection();
    await sql`create table m (id integer primary key)`.execute(db);
    const all = (q: Kysely<any>) => q.selectFrom('m').selectAll().where('id', '>', 0).execute();
    await db.insertInto('m').values({ id: 1 }).execute();
    expect(await all(db)).toEqual([{ id: 1 }]);
    await sql`alter table m add column label text default 'new'`.execute(db);
    await expect(db.transaction().execute((trx) => all(trx))).rejects.toMatchObject({ code: '0A000' });
    expect(await db.transaction().execute((trx) => all(trx))).toEqual([{ id: 1, label: 'new' }]);
  });
});
