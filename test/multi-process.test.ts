// Two real Launchpad processes on one PostgreSQL database (the README's "Several processes"): what one
// process does, the other sees, and the checks that need a lock hold across both.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/connect.js';
import { newSchemaUrl, testEngine } from './support/db.js';
import { relayTo, throughRelay } from './support/pg-relay.js';
import { startFakeResend, type FakeResend } from './support/fake-resend.js';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const MAIN = join(process.cwd(), 'src', 'main.ts');
const PUBLIC_URL = 'http://localhost:3000';
const PASSWORD = 'correct horse battery staple';

interface Proc {
  child: ChildProcess;
  base: string;
  output: string[];
}
const running: Proc[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
});

function serve(env: Record<string, string>): Promise<Proc> {
  const child = spawn(TSX, [MAIN, 'serve'], { env: { ...process.env, PORT: '0', PUBLIC_URL, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc: Proc = { child, base: '', output: [] };
  running.push(proc);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${proc.output.join('')}`)), 60_000);
    const read = (chunk: Buffer) => {
      proc.output.push(chunk.toString());
      const m = /listening on (http:\/\/\S+) /.exec(proc.output.join(''));
      if (m && !proc.base) {
        proc.base = m[1]!;
        clearTimeout(timer);
        resolve(proc);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${proc.output.join('')}`)));
  });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
function post(p: Proc, path: string, fields: Record<string, string>, cookie?: string) {
  return fetch(p.base + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC_URL, ...(cookie ? { cookie } : {}) },
    body: form(fields),
  });
}
const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('launchpad_session='))!.split(';')[0]!;

async function twoProcesses(extra: Record<string, string> = {}) {
  const fake = await startFakeResend();
  const env = {
    DATABASE_URL: await newSchemaUrl(),
    SECRET_KEY: 'a-secret-key-shared-by-every-process-0123456789',
    RESEND_API_KEY: 're_test',
    RESEND_BASE_URL: fake.url,
    SEATS: 'designer:3,explorer:10,reader:unlimited',
    ...extra,
  };
  const a = await serve(env);
  const b = await serve(env);
  const db = openDatabase(env.DATABASE_URL, { poolMax: 2 });
  // Both printed the same setup link; set up on A, signed in there.
  const link = (p: Proc) => until(async () => /(http:\/\/\S+\/setup\?token=\S+)/.exec(p.output.join(''))?.[1]);
  expect(await link(a)).toBe(await link(b));
  const token = new URL(await link(a)).searchParams.get('token')!;
  const res = await post(a, '/setup', { token, spaceName: 'Acme', displayName: 'Olivia Owner', email: 'owner@example.com', password: PASSWORD });
  expect(res.status).toBe(303);
  return { a, b, fake, db, cookie: cookieOf(res), close: async () => { await db.destroy(); await fake.close(); } };
}

const invitationLinks = (fake: FakeResend, to: string) =>
  fake.delivered
    .filter((r) => JSON.stringify(r.body).includes(to))
    .map((r) => /http:\/\/\S*\/invite\/[^\s"\\<]+/.exec(JSON.stringify(r.body))![0]);

async function until<T>(what: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = async (db: Db, q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0]!.n);

describe.runIf(testEngine === 'postgres')('two processes on one PostgreSQL database', () => {
  it('a session made on one works on the other; the last designer seat goes to exactly one of 50 invitations', async () => {
    const { a, b, db, cookie, close } = await twoProcesses();
    try {
      expect((await fetch(b.base + '/users', { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
      await post(a, '/users/invite', { emails: 'd1@example.com', profile: 'designer' }, cookie); // the owner + 1: one seat left
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => post(i % 2 ? a : b, '/users/invite', { emails: `race${i}@example.com`, profile: 'designer' }, cookie)),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(49).fill(409)]); // the one invited sees its result page
      expect(await count(db, sql`select count(*) as n from invitations where profile = 'designer' and status = 'pending'`)).toBe(2);
    } finally {
      await close();
    }
  });

  it('20 accepts of one link spread across both: exactly one member; 200 emails from two workers, each delivered once', async () => {
    const { a, b, db, fake, cookie, close } = await twoProcesses();
    try {
      await post(a, '/users/invite', { emails: 'new@example.com', profile: 'reader' }, cookie);
      const [link] = await until(async () => invitationLinks(fake, 'new@example.com').length > 0 && invitationLinks(fake, 'new@example.com'));
      const path = new URL(link!).pathname;
      const accepts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => post(i % 2 ? a : b, path, { displayName: 'New Person', password: PASSWORD })),
      );
      expect(accepts.filter((r) => r.status === 303)).toHaveLength(1); // signed in and sent on; the others: 410
      expect(await count(db, sql`select count(*) as n from users where email_key = 'new@example.com'`)).toBe(1);

      const emails = Array.from({ length: 200 }, (_, i) => `bulk${i}@example.com`);
      const before = fake.delivered.length;
      // Two bulk invites of 100, one on each process: each process's worker starts on its own batch.
      await Promise.all([
        post(a, '/users/invite', { emails: emails.slice(0, 100).join('\n'), profile: 'reader' }, cookie),
        post(b, '/users/invite', { emails: emails.slice(100).join('\n'), profile: 'reader' }, cookie),
      ]);
      await until(async () => fake.delivered.length - before >= 200);
      await new Promise((r) => setTimeout(r, 1_000)); // a duplicate would arrive now
      const to = fake.delivered.slice(before).map((r) => String((r.body as { to: string | string[] }).to));
      expect(to.sort()).toEqual([...emails].sort());
      expect(await count(db, sql`select count(*) as n from outbox where status <> 'sent'`)).toBe(0);
    } finally {
      await close();
    }
  });

  it('the sign-in limit counts across both: 20 wrong passwords at once, spread over both, get 10 answers and 10 refusals', async () => {
    const { a, b, close } = await twoProcesses();
    try {
      const attempt = (p: Proc, password: string) => post(p, '/login', { email: 'owner@example.com', password });
      // Counted up front in throttle_counters: on one process, the 11th attempt of a pair is refused, in parallel too.
      const wrong = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(i % 2 ? a : b, 'not the password')));
      const statuses = wrong.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      // The right password now waits on either process.
      for (const p of [a, b]) expect((await attempt(p, PASSWORD)).status).toBe(429);
    } finally {
      await close();
    }
  });

  it('a process killed (SIGKILL) in the middle of a bulk invite leaves all of it or none of it', async () => {
    const { a, b, db, cookie, close } = await twoProcesses();
    try {
      const emails = Array.from({ length: 1000 }, (_, i) => `k${i}@example.com`).join('\n');
      const pending = post(a, '/users/invite', { emails, profile: 'reader' }, cookie).catch(() => null);
      await new Promise((r) => setTimeout(r, 150));
      a.child.kill('SIGKILL');
      await pending;
      const n = await count(db, sql`select count(*) as n from invitations where email_key like 'k%'`);
      expect([0, 1000]).toContain(n);
      // The other process goes on serving.
      expect((await fetch(b.base + '/users', { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
    } finally {
      await close();
    }
  });
});

describe.runIf(testEngine === 'postgres')('a process whose database goes away mid-request', () => {
  it('answers 503 (not a stack trace), keeps running, and serves again once the database is back', async () => {
    const schemaUrl = await newSchemaUrl();
    const server = new URL(schemaUrl);
    const relay = await relayTo(server.hostname, Number(server.port || 5432));
    const direct = openDatabase(schemaUrl, { poolMax: 1 });
    try {
      const p = await serve({ DATABASE_URL: throughRelay(schemaUrl, relay), SECRET_KEY: 'a-secret-key-shared-by-every-process-0123456789' });
      const link = await until(async () => /(http:\/\/\S+\/setup\?token=\S+)/.exec(p.output.join(''))?.[1]);
      const token = new URL(link).searchParams.get('token')!;
      const setup = await post(p, '/setup', { token, spaceName: 'Acme', displayName: 'Olivia Owner', email: 'owner@example.com', password: PASSWORD });
      const cookie = cookieOf(setup);
      const users = () => fetch(p.base + '/users', { headers: { cookie }, redirect: 'manual' });

      await direct.transaction().execute(async (trx) => {
        // The request's first query (its session) waits for this lock; meanwhile every connection drops.
        await sql`lock table sessions in access exclusive mode`.execute(trx);
        const pending = users();
        const waiting = sql<{ n: number }>`select count(*) as n from pg_locks where not granted and relation = 'sessions'::regclass`;
        await until(async () => Number((await waiting.execute(trx)).rows[0]!.n) > 0);
        await relay.cut();
        const down = await pending;
        expect(down.status).toBe(503);
        const html = await down.text();
        expect(html).toContain('database cannot be reached');
        expect(html).not.toMatch(/at .*\.[jt]s:\d+/);
      });
      expect((await users()).status).toBe(503); // still gone: a new connection is refused too
      await relay.restore();
      expect((await users()).status).toBe(200);
      expect(p.child.exitCode).toBeNull(); // the dropped connections ended no process
      expect(p.output.join('')).toContain('connection lost'); // one line each, no stack trace
    } finally {
      await direct.destroy();
      await relay.cut();
    }
  });
});
