// The engine the tests run on: in-memory SQLite, or PostgreSQL when TEST_DATABASE_URL is set (the
// vitest "postgres" project sets it). On PostgreSQL every database a test opens is a schema of its own,
// dropped when the test (or, for one opened in beforeAll, the file) is done, so tests share nothing.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, onTestFinished } from 'vitest';
import { openDatabase, type Db, type Engine } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const serverUrl = process.env.TEST_DATABASE_URL || null;

export const testEngine: Engine = serverUrl ? 'postgres' : 'sqlite';

let admin: Db | null = null;
const leftForAfterAll: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of leftForAfterAll.splice(0).reverse()) await cleanup(); // last opened, first closed
  await admin?.destroy();
  admin = null;
});

function whenDone(cleanup: () => Promise<void>): void {
  try {
    onTestFinished(cleanup);
  } catch {
    leftForAfterAll.push(cleanup); // opened outside a test (beforeAll): cleaned up with the file
  }
}

async function createSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!serverUrl) throw new Error('a PostgreSQL schema needs TEST_DATABASE_URL');
  if (!admin) {
    admin = openDatabase(serverUrl, { poolMax: 1 });
    // In public, not in the first test schema (dropping that schema would take the extension with it).
    await sql`create extension if not exists pg_trgm schema public`.execute(admin);
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return { url: url.href, drop: async () => void (await sql`drop schema ${sql.id(schema)} cascade`.execute(admin!)) };
}

/** The connection URL of a new, empty schema (PostgreSQL only), for server processes; dropped when the test ends. */
export async function newSchemaUrl(): Promise<string> {
  const { url, drop } = await createSchema();
  whenDone(drop);
  return url;
}

/** The same, kept for the whole file (a file whose tests run commands on one database in turn); dropped after it. */
export async function newSchemaUrlForFile(): Promise<string> {
  const { url, drop } = await createSchema();
  leftForAfterAll.push(drop);
  return url;
}

/** An empty database on the test engine; closed (and on PostgreSQL dropped) when the test ends. */
export async function openEmptyTestDb(): Promise<Db> {
  if (!serverUrl) {
    const db = openDatabase(':memory:');
    whenDone(() => db.destroy());
    return db;
  }
  const { url, drop } = await createSchema();
  const db = openDatabase(url, { poolMax: 4 });
  whenDone(async () => {
    await db.destroy().catch(() => {}); // the test may have closed it already
    await drop();
  });
  return db;
}

/**
 * Migrated schemas this file has finished with, emptied for the next test: migrating costs ~80 DDL
 * statements, emptying one round trip of DELETEs (TRUNCATE is a hundred times dearer on small tables)
 * that restarts the identity columns and puts back the rows the migrations wrote themselves.
 */
interface Pristine {
  url: string;
  /** Deletes every row, restarts the identities, re-inserts the migrations' own rows: one script. */
  reset: string;
}
const reusable: Pristine[] = [];

async function resetScript(db: Db): Promise<string> {
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by 1`.execute(db)
  ).rows.map((t) => t.name);
  const identities = (
    await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns
      where table_schema = current_schema() and is_identity = 'YES'`.execute(db)
  ).rows;
  const lines = ['begin;', 'set local session_replication_role = replica;']; // no FK order, no count triggers
  for (const t of tables) lines.push(`delete from "${t}";`);
  for (const { t, c } of identities) lines.push(`select setval(pg_get_serial_sequence('"${t}"', '${c}'), 1, false);`);
  for (const t of tables) {
    const n = (await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0]!.n;
    if (n > 0) {
      const copy = `kysely_pristine_${t}`; // named like bookkeeping, so listings of the app's tables pass over it
      await sql`create table ${sql.table(copy)} as select * from ${sql.table(t)}`.execute(db);
      lines.push(`insert into "${t}" select * from "${copy}";`);
    }
  }
  lines.push('commit;');
  return lines.join('\n');
}

/** A migrated database on the test engine. */
export async function openTestDb(): Promise<Db> {
  if (!serverUrl) {
    const db = await openEmptyTestDb();
    await migrateToLatest(db);
    return db;
  }
  let taken = reusable.pop();
  if (!taken) {
    const { url, drop } = await createSchema();
    leftForAfterAll.push(drop);
    const db = openDatabase(url, { poolMax: 1 });
    await migrateToLatest(db);
    taken = { url, reset: await resetScript(db) };
    await db.destroy();
  }
  const pristine = taken;
  const db = openDatabase(pristine.url, { poolMax: 4 });
  whenDone(async () => {
    await db.destroy().catch(() => {}); // the test may have closed it already
    const cleaner = openDatabase(pristine.url, { poolMax: 1 });
    await sql.raw(pristine.reset).execute(cleaner); // no parameters: one simple query, several statements
    await cleaner.destroy();
    reusable.push(pristine);
  });
  return db;
}
