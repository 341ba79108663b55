// Issue 11, item 25: control characters in a search, a truncated multipart body, and RESEND_BASE_URL
// documented wherever the configuration is.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { CONFIG_SCHEMA, CONFIG_VARIABLES } from '../../src/config.js';
import { snapshot } from '../support/db-snapshot.js';
import { addUser, get, makeApp, ORIGIN, withSpace } from '../support/app.js';

describe('a search with control characters is refused, not run', () => {
  it.each([
    { what: 'users, NUL', path: '/users?q=%00' },
    { what: 'users, NUL after text', path: '/users?q=ada%00' },
    { what: 'users, a line break', path: '/users?q=a%0Ab' },
    { what: 'groups, NUL', path: '/groups?q=%00' },
    { what: 'audit actor, DEL', path: '/audit?actor=%7F' },
  ])('$what: 400 with a message saying why, no list', async ({ path }) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    await addUser(t, { email: 'ada@example.com', name: 'Ada Lovelace' });
    const res = await get(t, path, { cookie: owner.cookie });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/control characters/);
    expect(html).not.toContain('ada@example.com');
  });

  it('an ordinary search still works', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    await addUser(t, { email: 'ada@example.com', name: 'Ada Lovelace' });
    const res = await get(t, '/users?q=ada', { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('ada@example.com');
  });
});

describe('a truncated multipart body', () => {
  it('answers 400 with a page saying the form arrived incomplete, and changes nothing', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const before = await snapshot(t.db);
    const body = '--xyz\r\nContent-Disposition: form-data; name="displayName"\r\n\r\nOliv'; // no closing boundary
    const res = await t.app.request('/account/name', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz', origin: ORIGIN, cookie: owner.cookie },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The form arrived incomplete');
    expect(await snapshot(t.db)).toEqual(before);
    expect(logged).not.toHaveBeenCalled(); // the client's mistake, not a server error
    logged.mockRestore();
  });
});

describe('every configuration variable is documented', () => {
  const names = Object.keys(CONFIG_SCHEMA.shape);
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('includes RESEND_BASE_URL', () => expect(names).toContain('RESEND_BASE_URL'));

  it.each(names)('%s is listed by --help', (name) => {
    expect(CONFIG_VARIABLES.map(([n]) => n)).toContain(name);
  });

  it.each(names)('%s is in the README configuration table', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });
});
