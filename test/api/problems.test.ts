// Every /api failure is application/problem+json with type, title, status, detail, code (and field).
import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../src/http/api-problem.js';
import { makeApp, withSpace, post } from '../support/app.js';
import { api, makeKey } from './support.js';

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = ProblemSchema.parse(await res.json());
  expect(body).toMatchObject({ status, code, type: `/api/docs#problem-${code}` });
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}

const ACTIVATE = '/api/v1/extensions/code_studios/activate';

describe('problem+json', () => {
  it('401 without a key', async () => {
    const t = await makeApp();
    await expectProblem(await api(t, 'GET', '/api/v1/space/seats'), 401, 'unauthorized');
  });

  it('403 for a missing scope names the scope', async () => {
    const t = await makeApp();
    const { key } = await makeKey(t, ['groups:read']);
    const body = await expectProblem(await api(t, 'GET', '/api/v1/space/seats', { key }), 403, 'missing_scope');
    expect(body.detail).toContain('users:read');
  });

  it('404 for an endpoint that does not exist', async () => {
    const t = await makeApp();
    const { key } = await makeKey(t, ['users:read']);
    await expectProblem(await api(t, 'GET', '/api/v1/nothing-here', { key }), 404, 'not_found');
  });

  it('415 for a body that is not JSON, and nothing changes', async () => {
    const t = await makeApp();
    await withSpace(t);
    const { key } = await makeKey(t, ['extensions:write']);
    const res = await api(t, 'POST', ACTIVATE, { key, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await expectProblem(res, 415, 'unsupported_media_type');
    expect(await t.db.selectFrom('extensions').selectAll().execute()).toEqual([]);
  });

  it('400 for malformed JSON, and nothing changes', async () => {
    const t = await makeApp();
    await withSpace(t);
    const { key } = await makeKey(t, ['extensions:write']);
    await expectProblem(await api(t, 'POST', ACTIVATE, { key, body: '{"oops": ', headers: { 'content-type': 'application/json' } }), 400, 'malformed_json');
    expect(await t.db.selectFrom('extensions').selectAll().execute()).toEqual([]);
  });

  it('413 for a body over 1 MB, and nothing changes', async () => {
    const t = await makeApp();
    await withSpace(t);
    const { key } = await makeKey(t, ['extensions:write']);
    const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024) });
    await expectProblem(await api(t, 'POST', ACTIVATE, { key, body: big, headers: { 'content-type': 'application/json' } }), 413, 'body_too_large');
    expect(await t.db.selectFrom('extensions').selectAll().execute()).toEqual([]);
  });

  it('a JSON body up to 1 MB is accepted on /api (the pages keep their 256 KB limit)', async () => {
    const t = await makeApp();
    const { key } = await makeKey(t, ['users:read']);
    const body = JSON.stringify({ pad: 'x'.repeat(512 * 1024) });
    const res = await api(t, 'POST', '/api/v1/ownership/transfer', { key, body, headers: { 'content-type': 'application/json' } });
    await expectProblem(res, 403, 'transfer_panel_only');
  });

  it('409 for a state conflict', async () => {
    const t = await makeApp();
    await withSpace(t);
    const { key } = await makeKey(t, ['extensions:write']);
    await expectProblem(await api(t, 'POST', '/api/v1/extensions/code_studios/deactivate', { key }), 409, 'not_active');
  });
});

describe('CSRF and /api', () => {
  it('a cross-site form post to /api meets the key check (401 problem), not the page CSRF guard', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await post(t, ACTIVATE, {}, { cookie: owner.cookie, origin: 'https://evil.example' });
    await expectProblem(res, 401, 'unauthorized');
  });

  it('pages are still guarded: a cross-site form post to /api-keys is rejected and creates nothing', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await post(t, '/api-keys', { name: 'x', scopes: 'users:read' }, { cookie: owner.cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await t.db.selectFrom('api_keys').selectAll().execute()).toEqual([]);
  });
});
