// Every state change authenticated by the session cookie passes the origin check, whatever its content type.
import { describe, expect, it } from 'vitest';
import { snapshot } from '../support/db-snapshot.js';
import { makeApp, withSpace, type TestApp } from '../support/app.js';

const ACTIVATE = '/extensions/api_deployer/activate';

function send(t: TestApp, headers: Record<string, string>, body = '{}') {
  return t.app.request(ACTIVATE, { method: 'POST', headers, body });
}

const CONTENT_TYPES = ['application/json', 'application/xml', 'application/octet-stream', 'text/html', 'application/csp-report'];

describe('cross-site POSTs with any content type are refused', () => {
  it.each(CONTENT_TYPES)('%s from evil.example with the victim’s cookie: 403, extension not activated', async (type) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const before = await snapshot(t.db);
    const res = await send(t, { 'content-type': type, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', cookie: owner.cookie });
    expect(res.status).toBe(403);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('with no Content-Type and no Origin at all: 403', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const before = await snapshot(t.db);
    const res = await t.app.request(ACTIVATE, { method: 'POST', headers: { cookie: owner.cookie } });
    expect(res.status).toBe(403);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a bearer header does not excuse a request that also carries the cookie', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await send(t, { 'content-type': 'application/json', origin: 'http://evil.example', authorization: 'Bearer x', cookie: owner.cookie });
    expect(res.status).toBe(403);
  });
});

describe('our own pages still work', () => {
  it.each<{ what: string; headers: Record<string, string> }>([
    { what: 'Origin of PUBLIC_URL', headers: { origin: 'http://localhost:3000' } },
    { what: 'Sec-Fetch-Site same-origin', headers: { 'sec-fetch-site': 'same-origin' } },
  ])('a JSON POST with $what goes through', async ({ headers }) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const before = await snapshot(t.db);
    const res = await send(t, { 'content-type': 'application/json', cookie: owner.cookie, ...headers });
    expect(res.status).not.toBe(403);
    expect(await snapshot(t.db)).not.toEqual(before);
  });

  it('a request with a bearer key and no cookie is left to the API’s own authentication (no ambient authority to forge)', async () => {
    const t = await makeApp();
    await withSpace(t);
    const before = await snapshot(t.db);
    const res = await send(t, { 'content-type': 'application/json', authorization: 'Bearer lp_key' });
    expect(res.status).not.toBe(403); // the page route itself then refuses: no session
    expect(await snapshot(t.db)).toEqual(before);
  });
});
