// Fast inserts for the seed: one prepared statement, one transaction per batch of a few thousand rows.
import type BetterSqlite3 from 'better-sqlite3';

export type SqliteDb = BetterSqlite3.Database;
export type SqlValue = string | number | bigint | Uint8Array | null;

export const BATCH_ROWS = 5_000;

/** Inserts every row `rows` yields; returns how many. */
export function insertRows(db: SqliteDb, sql: string, rows: Iterable<SqlValue[]>): number {
  const stmt = db.prepare(sql);
  const flush = db.transaction((batch: SqlValue[][]) => {
    for (const row of batch) stmt.run(...row);
  });
  let batch: SqlValue[][] = [];
  let count = 0;
  for (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH_ROWS) {
      flush(batch);
      count += batch.length;
      batch = [];
    }
  }
  if (batch.length) {
    flush(batch);
    count += batch.length;
  }
  return count;
}
