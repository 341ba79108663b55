// Per-key rate limit: API_RATE_LIMIT requests a minute, counted in the database, 429 with Retry-After.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { defaultPublicFiles } from '../../src/server.js';
import { makeApp } from '../support/app.js';
import { api, makeKey } from './support.js';

const SEATS = '/api/v1/space/seats';

describe('rate limit', () => {
  it('answers 429 with Retry-After past the limit, and lets the key in again the next minute', async () => {
    const t = await makeApp({ API_RATE_LIMIT: '3' });
    const { key } = await makeKey(t, ['users:read']);
    t.clock.now = Date.UTC(2026, 10, 26, 12, 0, 15); // 15 s into a minute
    for (let i = 0; i < 3; i++) expect((await api(t, 'GET', SEATS, { key })).status).toBe(200);
    const limited = await api(t, 'GET', SEATS, { key });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(await limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    t.clock.advance(45_000);
    expect((await api(t, 'GET', SEATS, { key })).status).toBe(200);
  });

  it('counts each key on its own', async () => {
    const t = await makeApp({ API_RATE_LIMIT: '1' });
    const a = await makeKey(t, ['users:read']);
    const b = await makeKey(t, ['users:read']);
    expect((await api(t, 'GET', SEATS, { key: a.key })).status).toBe(200);
    expect((await api(t, 'GET', SEATS, { key: a.key })).status).toBe(429);
    expect((await api(t, 'GET', SEATS, { key: b.key })).status).toBe(200);
  });

  it('is shared by every app on the same database (the counters are rows, not memory)', async () => {
    const t = await makeApp({ API_RATE_LIMIT: '2' });
    const other = createApp({ ...t.deps }, defaultPublicFiles()); // a second process, in effect
    const { key } = await makeKey(t, ['users:read']);
    expect((await api(t, 'GET', SEATS, { key })).status).toBe(200);
    expect((await other.request(SEATS, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await api(t, 'GET', SEATS, { key })).status).toBe(429);
  });

  it('keeps only the current window of a key', async () => {
    const t = await makeApp();
    const { key, id } = await makeKey(t, ['users:read']);
    await api(t, 'GET', SEATS, { key });
    t.clock.advance(5 * 60_000);
    await api(t, 'GET', SEATS, { key });
    const rows = await t.db.selectFrom('api_rate_counters').selectAll().where('key_id', '=', id).execute();
    expect(rows).toHaveLength(1);
  });

  it('is configured by API_RATE_LIMIT (600 by default) and refuses nonsense', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(loadConfig({ DATABASE_URL: ':memory:' }).apiRateLimit).toBe(600);
    expect(loadConfig({ DATABASE_URL: ':memory:', API_RATE_LIMIT: '50' }).apiRateLimit).toBe(50);
    expect(() => loadConfig({ DATABASE_URL: ':memory:', API_RATE_LIMIT: '0' })).toThrow(/API_RATE_LIMIT/);
  });
});
