// copy-db: every table of a SQLite database into an empty, migrated PostgreSQL database, in one
// transaction, checked table by table. The same SECRET_KEY then keeps passwords and links working.
import { recountListTally } from './queries/user-list-table.js';
import { sql } from 'kysely';
import type { Db, Executor } from './connect.js';

export interface CopiedTable {
  table: string;
  rows: number;
}

export type CopyResult = { ok: true; tables: CopiedTable[] } | { ok: false; code: 'target_not_empty'; table: string } | { ok: false; code: 'missing_table'; table: string } | { ok: false; code: 'count_mismatch'; table: string; source: number; target: number };

/** Rows the migrations write themselves: a target holding only these is empty. */
const SEEDED_BY_MIGRATIONS = new Set(['profile_counts']);
/** PostgreSQL's own tables, which SQLite has not: derived from the copied rows (migration 0020). */
const POSTGRES_ONLY = new Set(['user_list_tally', 'user_list_grams']);
const BATCH = 500;

async function count(db: Executor, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]!.n);
}

/** The target's tables, parents before children (foreign keys), without Kysely's bookkeeping. */
async function tablesInOrder(target: Db): Promise<string[]> {
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely\\_%' order by 1`.execute(target)
  ).rows.map((r) => r.name);
  const edges = (
    await sql<{ child: string; parent: string }>`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
      from pg_constraint c where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(target)
  ).rows.map((e) => ({ child: e.child.replace(/^.*\./, '').replaceAll('"', ''), parent: e.parent.replace(/^.*\./, '').replaceAll('"', '') }));
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const e of edges) if (e.child === t && e.parent !== t) visit(e.parent, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function hasTable(source: Db, table: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${table}`.execute(source);
  return Number(r.rows[0]!.n) > 0;
}

/**
 * Copies `source` (SQLite) into `target` (PostgreSQL, migrated to the same version). Refuses a target
 * with rows. The counts the triggers keep are recounted from the copied rows, the identity columns
 * restarted after the highest id copied, and every table's row count compared before commit.
 */
export async function copyDatabase(source: Db, target: Db): Promise<CopyResult> {
  const tables = await tablesInOrder(target);
  for (const table of tables) {
    if (POSTGRES_ONLY.has(table)) continue;
    if (!(await hasTable(source, table))) return { ok: false, code: 'missing_table', table };
    if (!SEEDED_BY_MIGRATIONS.has(table) && (await count(target, table)) > 0) return { ok: false, code: 'target_not_empty', table };
  }
  const copied = await copyInOneTransaction(source, target, tables);
  // The planner has no statistics for the new rows until autovacuum gets round to them (a minute or
  // more), and the count triggers left a dead row version per copied row: with both, the first pages
  // read a group's members with a hash join instead of walking the list's index. VACUUM runs outside a
  // transaction; only the copied tables (a shared database's other schemas are none of ours).
  if (copied.ok) await sql`vacuum (analyze) ${sql.join(tables.map((t) => sql.table(t)))}`.execute(target);
  return copied;
}

function copyInOneTransaction(source: Db, target: Db, tables: string[]): Promise<CopyResult> {
  return target.transaction().execute(async (trx): Promise<CopyResult> => {
    // The count triggers would add every copied row on top of the copied counts, and write a new version
    // of a row of groups or profile_counts for each: on the bench's rows 500 groups took 4,475 pages and
    // 3 counts 765, which VACUUM cannot give back while the live rows sit at the end, and every read of
    // the seats scanned them all. Off while the rows are copied (a part of this transaction, like the
    // rows), the counts are recounted from the rows once; the tables the triggers keep (the Users list's
    // user_list) are copied as they are in the source, which its own triggers kept.
    for (const table of tables) await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx);
    for (const table of tables) {
      if (POSTGRES_ONLY.has(table)) continue;
      if (SEEDED_BY_MIGRATIONS.has(table)) await sql`delete from ${sql.table(table)}`.execute(trx);
      for (let offset = 0; ; offset += BATCH) {
        const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by rowid limit ${BATCH} offset ${offset}`.execute(source)).rows;
        if (rows.length === 0) break;
        await trx.insertInto(table as never).values(rows as never).execute();
      }
    }
    // The counts, from the rows (members: the active ones; migration 0017).
    await sql`update profile_counts set
      members = (select count(*) from users where users.profile = profile_counts.profile and users.deactivated_at is null),
      deactivated = (select count(*) from users where users.profile = profile_counts.profile and users.deactivated_at is not null),
      pending = (select count(*) from invitations where invitations.status = 'pending' and invitations.profile = profile_counts.profile)`.execute(trx);
    await sql`update groups set member_count = (select count(*) from group_members where group_id = groups.id)`.execute(trx);
    // The Users list's blocks and substrings (migration 0020), counted from user_list as copied.
    await recountListTally(trx);
    for (const table of tables) await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx);
    const identities = (
      await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns
        where table_schema = current_schema() and is_identity = 'YES'`.execute(trx)
    ).rows;
    for (const { t, c } of identities) {
      await sql`select setval(pg_get_serial_sequence(${`"${t}"`}, ${c}), coalesce((select max(${sql.ref(c)}) from ${sql.table(t)}), 0) + 1, false)`.execute(trx);
    }
    const copied: CopiedTable[] = [];
    for (const table of tables) {
      if (POSTGRES_ONLY.has(table)) continue;
      const [from, to] = [await count(source, table), await count(trx, table)];
      if (from !== to) throw new CountMismatch(table, from, to); // rolls the copy back
      copied.push({ table, rows: to });
    }
    return { ok: true, tables: copied };
  }).catch((err: unknown) => {
    if (err instanceof CountMismatch) return { ok: false, code: 'count_mismatch', table: err.table, source: err.source, target: err.target } as const;
    throw err;
  });
}

class CountMismatch extends Error {
  constructor(readonly table: string, readonly source: number, readonly target: number) {
    super(`${table}: ${source} rows in the source, ${target} in the target`);
  }
}
