// Issue 11, item 24: when another process holds SQLite's write lock, or the disk is full, the answer is
// 503 with Retry-After and a page saying what happened, one line in the log, and nothing half-written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { defaultPublicFiles } from '../../src/server.js';
import { snapshot } from '../support/db-snapshot.js';
import { makeApp, post, withSpace, type TestApp } from '../support/app.js';
import { testEngine } from '../support/db.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** A Launchpad on a database file, as the server runs it, so that a second connection can lock it. */
async function onFile(): Promise<{ t: TestApp; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'launchpad-busy-'));
  const file = join(dir, 'launchpad.db');
  const db: Db = openDatabase(file);
  await migrateToLatest(db);
  const base = await makeApp();
  await base.db.destroy();
  const deps = { ...base.deps, db };
  const t: TestApp = { ...base, db, deps, app: createApp(deps, defaultPublicFiles()) };
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => db.destroy());
  return { t, file };
}

/** Another process in the middle of a write transaction. */
function holdWriteLock(file: string): () => void {
  const other = new SQLite(file);
  other.exec('begin immediate');
  other.exec("insert into audit_events (at, actor_label, action) values (0, 'other process', 'other.write')");
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    other.exec('rollback');
    other.close();
  };
  cleanups.push(release);
  return release;
}

function expectOneLogLine(logged: ReturnType<typeof vi.spyOn>, pattern: RegExp) {
  expect(logged).toHaveBeenCalledTimes(1);
  const args = logged.mock.calls[0]!;
  expect(args).toHaveLength(1);
  expect(String(args[0])).toMatch(pattern);
  expect(String(args[0])).not.toMatch(/\n\s+at /); // a line, not a stack
}

describe('another process holds the write lock', () => {
  it('a form answers 503 with Retry-After and a page saying so; nothing is written', async () => {
    const { t, file } = await onFile();
    const owner = await withSpace(t);
    const before = await snapshot(t.db);
    const release = holdWriteLock(file);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await post(t, '/account/name', { displayName: 'Renamed' }, { cookie: owner.cookie });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await res.text();
    expect(html).toContain('The Launchpad is busy');
    expect(html).toMatch(/nothing was saved/i);
    expect(html).not.toMatch(/SQLITE|locked|SqliteError/);
    expectOneLogLine(logged, /\[db\] database busy.*503.*POST \/account\/name/);
    release();
    expect(await snapshot(t.db)).toEqual(before);
    // Once the lock is gone, the same request works.
    expect((await post(t, '/account/name', { displayName: 'Renamed' }, { cookie: owner.cookie })).status).toBe(303);
  });

  it('the wait for the lock is short, so the event loop is not held for seconds', async () => {
    const { t } = await onFile();
    const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(t.db);
    expect(rows[0]!.timeout).toBeGreaterThan(0);
    expect(rows[0]!.timeout).toBeLessThanOrEqual(250);
  });
});

// SQLite's own full disk, simulated by capping the file's page count; PostgreSQL has no such knob (its
// code 53100 takes the same path, and test/http/database-unreachable.test.ts covers a server going away).
describe.skipIf(testEngine === 'postgres')('the disk is full', () => {
  it('a large write answers 503 with Retry-After and a page saying so; nothing is written', async () => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:10,reader:unlimited' });
    const owner = await withSpace(t);
    const before = await snapshot(t.db);
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(t.db);
    await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(t.db); // no room to grow
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const emails = Array.from({ length: 400 }, (_, i) => `person${i}@example.com`).join('\n');
    const res = await post(t, '/users/invite', { emails, profile: 'reader' }, { cookie: owner.cookie });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.text()).toMatch(/disk is full/);
    expectOneLogLine(logged, /\[db\] .*disk is full.*POST \/users\/invite/);
    expect(await snapshot(t.db)).toEqual(before);
  });
});
