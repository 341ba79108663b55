// Issue 11, item 20: failed sign-ins are audited without flooding the log: one event per account and
// client address per window, with the count, and the Audit log filters them.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { get, makeApp, ORIGIN, PASSWORD, withSpace, type TestApp } from '../support/app.js';

const FAILED = 'session.sign_in_failed';

function signInFrom(t: TestApp, remoteAddress: string, email: string, password: string) {
  return t.app.request(
    '/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ email, password }).toString(),
    },
    { incoming: { socket: { remoteAddress } } },
  );
}

const failures = async (t: TestApp) =>
  (await listAuditEvents(t.db, { action: FAILED, limit: 100 })).map((e) => ({ who: e.actorLabel, ...e.details }));

describe('failed sign-ins in the audit log', () => {
  it('one event per account and address, carrying the count', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let i = 0; i < 7; i++) expect((await signInFrom(t, '198.51.100.1', 'owner@example.com', 'wrong')).status).toBe(401);
    for (let i = 0; i < 3; i++) await signInFrom(t, '198.51.100.2', 'OWNER@example.com', 'wrong');
    await signInFrom(t, '198.51.100.1', 'nobody@example.com', 'wrong');
    expect(await failures(t)).toEqual(
      expect.arrayContaining([
        { who: 'owner@example.com', address: '198.51.100.1', failures: 7 },
        { who: 'owner@example.com', address: '198.51.100.2', failures: 3 },
        { who: 'nobody@example.com', address: '198.51.100.1', failures: 1 },
      ]),
    );
    expect(await failures(t)).toHaveLength(3);
  });

  it('a refused attempt is not a password check and adds nothing; a new window opens a new event', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let i = 0; i < 15; i++) await signInFrom(t, '198.51.100.1', 'owner@example.com', 'wrong');
    expect(await failures(t)).toEqual([{ who: 'owner@example.com', address: '198.51.100.1', failures: 10 }]);
    t.clock.advance(15 * 60_000);
    await signInFrom(t, '198.51.100.1', 'owner@example.com', 'wrong');
    expect(await failures(t)).toHaveLength(2);
  });

  it('a successful sign-in is not counted as a failure', async () => {
    const t = await makeApp();
    await withSpace(t);
    expect((await signInFrom(t, '198.51.100.1', 'owner@example.com', PASSWORD)).status).toBe(303);
    expect(await failures(t)).toEqual([]);
  });

  it('the Audit log offers the filter and shows the count', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    for (let i = 0; i < 4; i++) await signInFrom(t, '198.51.100.1', 'owner@example.com', 'wrong');
    const all = await (await get(t, '/audit', { cookie: owner.cookie })).text();
    expect(all).toMatch(new RegExp(`<option value="${FAILED}"[^>]*>Sign-in failed</option>`));
    const html = await (await get(t, `/audit?action=${FAILED}`, { cookie: owner.cookie })).text();
    expect(html).toContain('4 failed attempts');
    expect(html).toContain('198.51.100.1');
  });
});
