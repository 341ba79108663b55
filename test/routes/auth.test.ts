import { describe, expect, it } from 'vitest';
import { cookieFrom, get, makeApp, PASSWORD, post, withSpace } from '../support/app.js';

describe('signing in', () => {
  it('signs the owner in and opens the Overview panel', async () => {
    const t = await makeApp();
    await withSpace(t);
    const res = await post(t, '/login', { email: 'owner@example.com', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = cookieFrom(res);
    expect(cookie).toMatch(/^launchpad_session=[a-z0-9]+\.[a-z0-9]+$/);
    const page = await get(t, '/', { cookie: cookie! });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Acme Analytics');
    expect(html).toContain('Overview');
    expect(html).toContain('Space owner');
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const t = await makeApp();
    await withSpace(t);
    const unknown = await post(t, '/login', { email: 'nobody@example.com', password: PASSWORD });
    const wrong = await post(t, '/login', { email: 'owner@example.com', password: 'wrong password!' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const strip = (html: string) => html.replace(/value="[^"]*@example\.com"/g, 'value=""');
    expect(strip(await unknown.text())).toBe(strip(await wrong.text()));
    expect(cookieFrom(unknown)).toBeNull();
    expect(cookieFrom(wrong)).toBeNull();
  });
});
